package dev.runway.catalog.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenCatalogPolicyTest {
    private final TokenCatalogPolicy policy = new TokenCatalogPolicy();

    private static Caller caller(String role, String teams) {
        return new Caller("u", teams.isEmpty() ? Set.of() : Set.of(teams.split(" ")), Set.of(role), "r", "127.0.0.1");
    }

    @ParameterizedTest(name = "{0} in [{1}]: {2} -> {3} new={4} => {5}")
    @CsvSource(nullValues = "-", value = {
            "platform-admin, '',        -,                     group:default/search,   true,  true",
            "platform-admin, '',        group:default/search,  -,                      false, true",
            "service,        '',        group:default/search,  group:default/search,   false, true",
            "developer,      payments,  -,                     group:default/payments, true,  true",
            "developer,      Payments,  -,                     group:default/payments, true,  true",
            "developer,      payments,  -,                     group:default/search,   true,  false",
            "developer,      payments,  -,                     user:default/alice,     true,  false",
            "developer,      payments,  -,                     group:other/payments,   true,  false",
            "developer,      payments,  -,                     -,                      true,  false",
            "developer,      payments,  group:default/payments, group:default/payments, false, true",
            "developer,      payments,  group:default/payments, group:default/search,  false, false",
            "developer,      payments search, group:default/payments, group:default/search, false, true",
            "developer,      search,    group:default/payments, group:default/search,  false, false",
            "developer,      payments,  group:default/payments, -,                     false, true",
            "developer,      payments,  -,                     -,                      false, false",
            "auditor,        payments,  -,                     group:default/payments, true,  false" })
    void decides(String role, String teams, String currentOwner, String newOwner, boolean isNew, boolean allowed) {
        assertEquals(allowed, policy.mayWrite(caller(role, teams), currentOwner, newOwner, isNew).allowed());
    }
}
