package dev.runway.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicSecretsTest {

    private static final String GOOD = "q8V3nZ0tL1xR6wYb4cF7hJ2kM9pS5uA";

    @Test
    void aMissingRequiredSecretIsNamedByItsVariable() {
        List<String> problems = PublicSecrets.problems(
                Map.of("RUNWAY_OIDC_CLIENT_SECRET", Optional.empty(), "RUNWAY_AUDIT_CHECKPOINT_KEY", Optional.of("  ")),
                Map.of());

        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("RUNWAY_AUDIT_CHECKPOINT_KEY is not set"), problems::toString);
        assertTrue(problems.get(1).startsWith("RUNWAY_OIDC_CLIENT_SECRET is not set"), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog-service-demo-secret", "portal-ui-demo-secret", "runway-demo-audit-checkpoint-key",
            "runway-demo-db-password", "change-me", "REPLACE_ME", " Change-Me ", "test-only-client-secret",
            "dev-only-client-secret", "${RUNWAY_CATALOG_CLIENT_SECRET}"})
    void aPublicValueIsRefusedNamingTheVariable(String value) {
        List<String> problems = PublicSecrets.problems(Map.of("RUNWAY_OIDC_CLIENT_SECRET", Optional.of(value)), Map.of());

        assertEquals(List.of("RUNWAY_OIDC_CLIENT_SECRET is set to a public demo or placeholder value: set it to this "
                + "installation's own secret."), problems);
    }

    @Test
    void anOptionalSecretMayBeUnsetButNotPublic() {
        assertEquals(List.of(), PublicSecrets.problems(Map.of(), Map.of("RUNWAY_DB_PASSWORD", Optional.empty())));

        List<String> problems = PublicSecrets.problems(Map.of(), Map.of("RUNWAY_DB_PASSWORD", Optional.of("change-me")));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("RUNWAY_DB_PASSWORD is set to a public"), problems::toString);
    }

    @Test
    void anInstallationsOwnSecretsPass() {
        assertEquals(List.of(), PublicSecrets.problems(Map.of("RUNWAY_OIDC_CLIENT_SECRET", Optional.of(GOOD)),
                Map.of("RUNWAY_DB_PASSWORD", Optional.of(GOOD + "db"))));
        assertFalse(PublicSecrets.isPublic("catalog-service-demo-secret-" + GOOD), "only the whole value is compared");
    }
}
