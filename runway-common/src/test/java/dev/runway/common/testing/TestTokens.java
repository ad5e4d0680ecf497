package dev.runway.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Real RS256-signed access tokens shaped like Keycloak's for realm {@code runway}, signed with the test key
 * that services under test trust. Lets service tests exercise the real OIDC verification path
 * (signature, issuer, audience, expiry) without a running Keycloak.
 */
public final class TestTokens {
    public static final String ISSUER = "https://sso.runway.test/realms/runway";
    public static final String AUDIENCE = "runway-api";

    private static final PrivateKey KEY = loadKey();

    private TestTokens() {
    }

    /** A valid token for a user in the given teams holding the given realm roles. */
    public static String user(String username, List<String> teams, String... roles) {
        return claims(username, teams, List.of(roles)).sign(KEY);
    }

    /** A valid client-credentials token for one of Runway's own services (realm role {@code service}). */
    public static String service(String clientId) {
        return claims("service-account-" + clientId, List.of(), List.of("service")).claim("azp", clientId).sign(KEY);
    }

    public static String withIssuer(String username, String issuer) {
        return claims(username, List.of(), List.of("developer")).issuer(issuer).sign(KEY);
    }

    public static String withAudience(String username, String audience) {
        return claims(username, List.of(), List.of("developer")).audience(audience).sign(KEY);
    }

    public static String expired(String username) {
        Instant issued = Instant.now().minusSeconds(3600);
        return claims(username, List.of(), List.of("developer")).issuedAt(issued).expiresAt(issued.plusSeconds(300))
                .sign(KEY);
    }

    /** Same claims as a valid token, but unsigned ({@code alg: none}): must never be accepted. */
    public static String unsigned(String username) {
        String signed = user(username, List.of(), "developer");
        String payload = signed.split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    private static JwtClaimsBuilder claims(String username, List<String> teams, List<String> roles) {
        Instant now = Instant.now();
        return Jwt.claims()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", username)
                .claim("name", Character.toUpperCase(username.charAt(0)) + username.substring(1))
                .claim("email", username + "@runway.test")
                .groups(new java.util.HashSet<>(teams))
                .claim("realm_access", Map.of("roles", roles))
                .claim("typ", "Bearer")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    static String publicKeyBase64() {
        return pemBody("runway-testing/test-signing-key.pub.pem");
    }

    private static PrivateKey loadKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pemBody("runway-testing/test-signing-key.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the test signing key", e);
        }
    }

    private static String pemBody(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
