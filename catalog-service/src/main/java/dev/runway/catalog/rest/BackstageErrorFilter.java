package dev.runway.catalog.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.catalog.backstage.BackstageErrors;
import dev.runway.common.error.Problem;

/**
 * Under {@code /api/catalog} (the Backstage-compatible API) errors answer in Backstage's shape instead of
 * problem+json: the one exception mapper of runway-common still decides status and message (so the two APIs never
 * disagree about what went wrong), this filter only re-dresses its body. Runway's own API is untouched.
 */
@Provider
public class BackstageErrorFilter implements ContainerResponseFilter {
    static final String PREFIX = "/api/catalog";
    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    private final ObjectMapper json;

    public BackstageErrorFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!(path.equals(PREFIX) || path.startsWith(PREFIX + "/")) || response.getMediaType() == null
                || !response.getMediaType().isCompatible(PROBLEM)) {
            return;
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String url = query == null ? path : path + "?" + query;
        response.setEntity(BackstageErrors.body(response.getStatus(), message(response.getEntity()),
                request.getMethod(), url).toString(), null, MediaType.APPLICATION_JSON_TYPE);
    }

    /** The problem's detail, followed by the fields it names (Backstage's errors carry one message). */
    private String message(Object entity) {
        if (!(entity instanceof String text)) {
            return "Request failed";
        }
        try {
            JsonNode problem = json.readTree(text);
            String detail = problem.path("detail").asText(problem.path("title").asText("Request failed"));
            List<String> fields = new ArrayList<>();
            for (JsonNode v : problem.path("violations")) {
                fields.add(v.path("field").asText() + ": " + v.path("message").asText());
            }
            return fields.isEmpty() ? detail : detail + " (" + String.join("; ", fields) + ")";
        } catch (JsonProcessingException e) {
            return "Request failed";
        }
    }
}
