package dev.runway.ui.web;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.sun.net.httpserver.HttpExchange;

/**
 * A test double of provisioning-service for the home page of a busy team: {@value #ENVIRONMENTS} environments of
 * team payments requested by alice, newest first as the service lists them, each created a minute before the one
 * listed above it and each expiring within the next day; no database. Pages follow the service's limit and cursor.
 */
public class HomeDouble extends ServiceDouble {
    static final int ENVIRONMENTS = 300;
    static final Instant NEWEST = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @Override
    protected String serviceUrlKey() {
        return "runway.portal.services.provisioning";
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (path.equals("/api/v1/environments")) {
            java.util.List<String> items = new java.util.ArrayList<>();
            for (int i = 0; i < ENVIRONMENTS; i++) {
                items.add("""
                        {"id":"7f1c2a4e-3333-4c1e-9a55-%012d","kind":"ENVIRONMENT","name":"env-%d","team":"payments",
                         "template":"ephemeral","state":"READY","attempts":1,"requestedBy":"alice","approvalRequired":false,
                         "createdAt":"%s","expiresAt":"%s"}""".formatted(i, i, NEWEST.minus(Duration.ofMinutes(i)),
                        NEWEST.plus(Duration.ofHours(23)).minus(Duration.ofMinutes(i))));
            }
            ProvisioningDouble.page(x, items);
        } else if (path.equals("/api/v1/databases")) {
            ProvisioningDouble.page(x, java.util.List.of());
        } else {
            send(x, 404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404,\"detail\":\"No such thing.\"}");
        }
    }
}
