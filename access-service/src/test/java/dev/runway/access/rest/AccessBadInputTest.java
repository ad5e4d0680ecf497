package dev.runway.access.rest;

import dev.runway.common.testing.BadInputContractTests;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AccessBadInputTest extends BadInputContractTests {
    @Override
    protected String database() {
        return "runway_access";
    }

    @Override
    protected int minimumCases() {
        return 400;
    }

    /** Audit events come only from services (their outbox relays); everything else is open to a platform-admin. */
    @Override
    protected String tokenFor(String method, String path) {
        return path.equals("/api/v1/audit/events") ? TestTokens.service("catalog-service")
                : super.tokenFor(method, path);
    }

    @Override
    protected String benignPathValue(String parameter) {
        return switch (parameter) {
            case "name" -> "badinput-absent";
            case "username" -> "badinput-absent";
            default -> super.benignPathValue(parameter);
        };
    }
}
