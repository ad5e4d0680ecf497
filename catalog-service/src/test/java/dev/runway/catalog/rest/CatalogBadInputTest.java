package dev.runway.catalog.rest;

import java.util.List;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.testing.BadInputContractTests;
import dev.runway.common.testing.BadInputCorpus;
import dev.runway.common.testing.BadInputCorpus.BodyCase;
import dev.runway.common.testing.RunwayTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_catalog"))
class CatalogBadInputTest extends BadInputContractTests {
    @Override
    protected String database() {
        return "runway_catalog";
    }

    @Override
    protected int minimumCases() {
        return 500;
    }

    /** Descriptors go to create, import and replace; validate answers them with verdicts instead. */
    @Override
    protected List<BodyCase> serviceCases(String method, String path, String contentType) {
        boolean descriptorWrite = path.startsWith("/api/v1/entities") && !path.endsWith("/validate")
                && (method.equals("POST") || method.equals("PUT"));
        return descriptorWrite && contentType.equals("application/json")
                ? BadInputCorpus.hostileDescriptors(contentType)
                : List.of();
    }

    /**
     * The facet counts are derived from entity (fingerprinted) and the compaction job moves rows from the delta table
     * into the counts at any moment; FacetCountsTest holds them equal to counting the entity rows.
     */
    @Override
    protected Set<String> unfingerprintedTables() {
        Set<String> tables = new HashSet<>(super.unfingerprintedTables());
        tables.addAll(Set.of("entity_facet_count", "entity_facet_delta"));
        return tables;
    }

    /**
     * Backstage's API (/api/catalog) answers errors in Backstage's format, stating the status in
     * {@code response.statusCode}; its validate-entity answers a bad body with Backstage's 400 {@code {errors}}.
     * What the HTTP layer refuses before any API sees the request (an oversized body, a NUL in the URI) stays
     * problem+json there too.
     */
    @Override
    protected int statedErrorStatus(String path, String contentType, String body) {
        if (!path.startsWith("/api/catalog/") || contentType.startsWith("application/problem+json")) {
            return super.statedErrorStatus(path, contentType, body);
        }
        if (!contentType.startsWith("application/json")) {
            return -1;
        }
        try {
            JsonNode error = new ObjectMapper().readTree(body);
            if (error.path("error").path("name").isTextual() && error.path("response").path("statusCode").isInt()) {
                return error.path("response").path("statusCode").asInt();
            }
            boolean verdict = path.equals("/api/catalog/validate-entity") && error.path("errors").isArray()
                    && !error.path("errors").isEmpty();
            return verdict ? 400 : -1;
        } catch (JsonProcessingException e) {
            return -1;
        }
    }

    @Override
    protected boolean answersWithVerdict(String method, String path) {
        return path.equals("/api/v1/entities/validate");
    }

    @Override
    protected String benignPathValue(String parameter) {
        return switch (parameter) {
            case "kind" -> "component";
            case "namespace" -> "default";
            case "name" -> "badinput-absent";
            case "externalId" -> "badinput-absent";
            default -> "00000000-0000-4000-8000-000000000000";
        };
    }
}
