package dev.runway.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

class VerifiedTokensTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static SecurityIdentity identity(String name, long expSeconds) {
        Map<String, Object> claims = expSeconds > 0 ? Map.of("exp", expSeconds) : Map.of();
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String claimName) {
                return (T) claims.get(claimName);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).addRole("developer").build();
    }

    @Test
    void reusesAVerdictUntilTheTokenExpires() {
        VerifiedTokens cache = new VerifiedTokens(10, Duration.ofHours(1), now::get);
        SecurityIdentity alice = identity("alice", now.get() / 1000 + 30);
        cache.put("token-a", alice);
        assertSame(alice, cache.get("token-a"));
        now.addAndGet(29_999);
        assertSame(alice, cache.get("token-a"));
        now.addAndGet(1);
        assertNull(cache.get("token-a"), "an expired token's verdict must not be reused");
        assertEquals(0, cache.size());
    }

    @Test
    void maxAgeBoundsALongLivedToken() {
        VerifiedTokens cache = new VerifiedTokens(10, Duration.ofSeconds(60), now::get);
        cache.put("token-a", identity("alice", now.get() / 1000 + 3600));
        now.addAndGet(59_999);
        assertEquals("alice", cache.get("token-a").getPrincipal().getName());
        now.addAndGet(1);
        assertNull(cache.get("token-a"));
    }

    @Test
    void onlyTheExactTokenTextHits() {
        VerifiedTokens cache = new VerifiedTokens(10, Duration.ofSeconds(60), now::get);
        cache.put("header.payload.signature", identity("alice", now.get() / 1000 + 300));
        assertNull(cache.get("header.payload.signaturE"));
        assertNull(cache.get("header.payload2.signature"));
    }

    @Test
    void tokensWithoutExpiryOrAlreadyExpiredAreNotKept() {
        VerifiedTokens cache = new VerifiedTokens(10, Duration.ofSeconds(60), now::get);
        cache.put("no-exp", identity("alice", 0));
        cache.put("expired", identity("bob", now.get() / 1000 - 1));
        assertEquals(0, cache.size());
    }

    @Test
    void staysWithinItsSizeDroppingExpiredEntriesFirst() {
        VerifiedTokens cache = new VerifiedTokens(3, Duration.ofSeconds(60), now::get);
        cache.put("short", identity("a", now.get() / 1000 + 1));
        cache.put("long-1", identity("b", now.get() / 1000 + 50));
        cache.put("long-2", identity("c", now.get() / 1000 + 50));
        now.addAndGet(2_000);
        cache.put("long-3", identity("d", now.get() / 1000 + 50));
        assertEquals(3, cache.size(), "the expired entry made room");
        assertEquals("b", cache.get("long-1").getPrincipal().getName());
        cache.put("long-4", identity("e", now.get() / 1000 + 50));
        assertEquals(1, cache.size(), "full of live tokens: start over rather than grow");
        assertEquals("e", cache.get("long-4").getPrincipal().getName());
    }

    @Test
    void sizeZeroTurnsItOff() {
        VerifiedTokens cache = new VerifiedTokens(0, Duration.ofSeconds(60), now::get);
        cache.put("token-a", identity("alice", now.get() / 1000 + 30));
        assertNull(cache.get("token-a"));
    }
}
