package dev.runway.catalog.rest;

import java.util.List;
import java.util.Set;

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
        return Set.of("flyway_schema_history", "entity_facet_count", "entity_facet_delta");
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
