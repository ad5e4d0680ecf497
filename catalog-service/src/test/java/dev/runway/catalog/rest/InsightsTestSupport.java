package dev.runway.catalog.rest;

import static dev.runway.catalog.rest.CatalogTestSupport.DAVE;
import static dev.runway.catalog.rest.CatalogTestSupport.as;
import static dev.runway.catalog.rest.CatalogTestSupport.component;
import static dev.runway.catalog.rest.CatalogTestSupport.unique;
import static dev.runway.catalog.rest.CatalogTestSupport.yaml;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.specification.RequestSpecification;

/** Request bodies for deployments and incidents, and entities registered for them. */
final class InsightsTestSupport {
    private InsightsTestSupport() {
    }

    /** A component owned by {@code team}, registered by a platform-admin; its unique lower-case name. */
    static String registeredComponent(String team) {
        String name = unique("svc");
        yaml(DAVE, component(name, team)).post("/api/v1/entities").then().statusCode(201);
        return name;
    }

    static Instant ago(Duration d) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(d);
    }

    /** A successful production deployment finished {@code finishedAgo} ago; add or override fields in the map. */
    static Map<String, Object> deployment(String entityRef, Duration finishedAgo) {
        return deployment(entityRef, ago(finishedAgo));
    }

    static Map<String, Object> deployment(String entityRef, Instant finishedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entityRef", entityRef);
        body.put("environment", "production");
        body.put("version", "1.0." + finishedAt.getEpochSecond());
        body.put("startedAt", finishedAt.minus(Duration.ofMinutes(5)).toString());
        body.put("finishedAt", finishedAt.toString());
        body.put("status", "success");
        body.put("externalId", unique("deploy"));
        return body;
    }

    static Map<String, Object> incident(String entityRef, Duration openedAgo) {
        return incident(entityRef, ago(openedAgo));
    }

    static Map<String, Object> incident(String entityRef, Instant openedAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entityRef", entityRef);
        body.put("severity", "sev2");
        body.put("openedAt", openedAt.toString());
        body.put("externalId", unique("inc"));
        return body;
    }

    static RequestSpecification json(String token, Object body) {
        return as(token).contentType("application/json").body(body);
    }

    /** The audit events of insights writes about a resource (the entity's own create events left out). */
    static List<List<String>> auditOf(String resource) {
        return CatalogTestSupport.query("SELECT action, outcome, actor FROM audit_outbox WHERE resource = '"
                + resource + "' AND action NOT LIKE 'catalog.entity.%' ORDER BY occurred_at");
    }
}
