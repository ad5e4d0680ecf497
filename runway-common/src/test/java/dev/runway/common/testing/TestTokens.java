package dev.runway.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

    /** Not valid before an hour from now (and so issued in the future too). */
    public static String notYetValid(String username) {
        Instant later = Instant.now().plusSeconds(3600);
        return claims(username, List.of(), List.of("developer")).issuedAt(later).claim("nbf", later.getEpochSecond())
                .expiresAt(later.plusSeconds(300)).sign(KEY);
    }

    /**
     * The algorithm-confusion attack: HS256, keyed with the text of the services' RSA public key, which a
     * verifier that lets the token choose its algorithm would accept.
     */
    public static String hs256WithPublicKey(String username) {
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = user(username, List.of(), "platform-admin").split("\\.")[1];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] secret = readResource("runway-testing/test-signing-key.pub.pem").getBytes(StandardCharsets.US_ASCII);
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Well-formed and RS256-signed, but by a key the services do not know, under a key id they never published. */
    public static String unknownKey(String username) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(username, List.of(), List.of("platform-admin")).jws().keyId("not-a-runway-key")
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token whose payload was swapped for one granting platform-admin, signature kept. */
    public static String tamperedPayload(String username) {
        String[] parts = user(username, List.of(), "developer").split("\\.");
        String forged = user(username, List.of("payments", "search"), "platform-admin").split("\\.")[1];
        return parts[0] + "." + forged + "." + parts[2];
    }

    /**
     * An ID token (Keycloak's {@code typ: ID}) offered as an access token; {@code audience} is the portal's client
     * id as Keycloak issues it, or runway-api as a misconfigured audience mapper would add it.
     */
    public static String idToken(String username, String audience) {
        return claims(username, List.of(), List.of("developer")).audience(audience).claim("typ", "ID")
                .claim("azp", "portal-ui").sign(KEY);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
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
        return readResource(resource).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String readResource(String resource) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
