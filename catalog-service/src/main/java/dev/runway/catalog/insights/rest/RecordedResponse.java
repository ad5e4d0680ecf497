package dev.runway.catalog.insights.rest;

import java.net.URI;

import jakarta.ws.rs.core.Response;

import dev.runway.catalog.insights.service.Recorded;

/** The answer to an idempotent write: 201 with a Location when this request created it, else 200. */
final class RecordedResponse {
    private RecordedResponse() {
    }

    static Response of(Recorded<?> recorded, Object view, String location) {
        return recorded.created() ? Response.created(URI.create(location)).entity(view).build()
                : Response.ok(view).build();
    }
}
