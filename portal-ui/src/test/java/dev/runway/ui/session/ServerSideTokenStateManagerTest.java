package dev.runway.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.security.AuthenticationFailedException;

class ServerSideTokenStateManagerTest {

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final ServerSideTokenStateManager store = new ServerSideTokenStateManager(clock);
    private final AuthorizationCodeTokens tokens = new AuthorizationCodeTokens("id.token.jwt", "access.token.jwt",
            "refresh.token.jwt");

    @Test
    void theCookieCarriesARandomIdAndTheTokensStayHere() {
        String state = store.createTokenState(null, null, tokens, null).await().indefinitely();
        String other = store.createTokenState(null, null, tokens, null).await().indefinitely();
        assertNotEquals(state, other);
        assertFalse(state.contains("jwt"));
        assertEquals(43, state.length(), "256 random bits, base64url");
        assertEquals("access.token.jwt", store.getTokens(null, null, state, null).await().indefinitely().getAccessToken());
    }

    @Test
    void signingOutForgetsTheTokens() {
        String state = store.createTokenState(null, null, tokens, null).await().indefinitely();
        store.deleteTokens(null, null, state, null).await().indefinitely();
        assertThrows(AuthenticationFailedException.class,
                () -> store.getTokens(null, null, state, null).await().indefinitely());
    }

    @Test
    void anUnknownOrExpiredSessionMustSignInAgainAndIsSweptAway() {
        assertThrows(AuthenticationFailedException.class,
                () -> store.getTokens(null, null, "guessed", null).await().indefinitely());
        String state = store.createTokenState(null, null, tokens, null).await().indefinitely();
        clock.now = clock.now.plus(ServerSideTokenStateManager.DEFAULT_MAX_AGE).plus(Duration.ofSeconds(1));
        assertThrows(AuthenticationFailedException.class,
                () -> store.getTokens(null, null, state, null).await().indefinitely());
        store.createTokenState(null, null, tokens, null).await().indefinitely();
        assertEquals(1, store.size());
    }
}
