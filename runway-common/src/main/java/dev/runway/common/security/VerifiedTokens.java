package dev.runway.common.security;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Bearer tokens this service has already verified, with the identity each one produced, kept until the token
 * expires or {@code maxAge} has passed, whichever comes first.
 * <p>
 * Why: verifying a token on every request (base64 and JSON decoding of header and claims, the RS256 signature, the
 * claim checks) was a third of a catalog read's CPU and, through jose4j's per-parse buffers, a third of everything
 * the service allocated. A client sends the same token for minutes, so the second request onwards can reuse the
 * first verdict. Only successful verifications are kept, keyed by the exact token text: a different, tampered or
 * re-signed token is a miss and goes through full verification. {@code maxAge} bounds how long a cached verdict
 * survives a signing-key rotation at the identity provider (full verification would notice the unknown key sooner).
 * <p>
 * Per replica, on purpose, like the provider's keys (JWKS) that quarkus-oidc caches: with several replicas each one
 * verifies a token once itself. Sharing verdicts would put a network call where a local lookup is, and trusting
 * another process's verdict would widen what a compromised replica can do; a miss costs one signature check.
 */
public final class VerifiedTokens {

    private record Entry(SecurityIdentity identity, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    private final long maxAgeMillis;
    private final LongSupplier clock;

    public VerifiedTokens(int maxSize, Duration maxAge, LongSupplier currentTimeMillis) {
        this.maxSize = maxSize;
        this.maxAgeMillis = maxAge.toMillis();
        this.clock = currentTimeMillis;
    }

    public boolean enabled() {
        return maxSize > 0 && maxAgeMillis > 0;
    }

    /** The identity a still-valid cached verification of exactly this token produced, or null. */
    public SecurityIdentity get(String token) {
        Entry e = entries.get(token);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() >= e.expiresAtMillis) {
            entries.remove(token, e);
            return null;
        }
        return e.identity;
    }

    /**
     * Remembers a successful verification. Tokens without an expiry claim are never cached: nothing would say when
     * their verdict stops being true.
     */
    public void put(String token, SecurityIdentity identity) {
        if (!enabled() || identity == null || identity.isAnonymous()) {
            return;
        }
        Principal principal = identity.getPrincipal();
        if (!(principal instanceof JsonWebToken jwt) || !(jwt.getClaim(Claims.exp.name()) instanceof Number exp)
                || exp.longValue() <= 0) {
            return;
        }
        long now = clock.getAsLong();
        long expires = Math.min(exp.longValue() * 1000, now + maxAgeMillis);
        if (expires <= now) {
            return;
        }
        if (entries.size() >= maxSize) {
            evict(now);
        }
        entries.put(token, new Entry(identity, expires));
    }

    public int size() {
        return entries.size();
    }

    /**
     * Drops what has expired and, if the cache is still full (more live tokens than maxSize, e.g. a flood of
     * freshly issued ones), everything: a later request pays one full verification, which is what it cost before.
     */
    private void evict(long now) {
        entries.values().removeIf(e -> now >= e.expiresAtMillis);
        if (entries.size() >= maxSize) {
            entries.clear();
        }
    }
}
