package dev.runway.provisioning.rest;

import java.util.List;

import dev.runway.common.testing.TestTokens;

/** The realm's demo users as tokens. */
final class Tokens {
    static final String ALICE = TestTokens.user("alice", List.of("payments"), "developer");
    static final String BOB = TestTokens.user("bob", List.of("payments"), "developer");
    static final String CAROL = TestTokens.user("carol", List.of("search"), "developer");
    static final String FRANK = TestTokens.user("frank", List.of("search"), "developer");
    static final String DAVE = TestTokens.user("dave", List.of(), "platform-admin");
    static final String ERIN = TestTokens.user("erin", List.of(), "auditor");
    static final String SERVICE = TestTokens.service("catalog-service");

    private Tokens() {
    }
}
