package dev.runway.cli;

import java.net.URI;

import picocli.CommandLine.Option;

/** Where the services and the OIDC provider are: flag, then environment variable, then the local default. */
public final class ConnectionOptions {
    public static final String DEFAULT_OIDC_URL = "http://localhost:8180/realms/runway";
    public static final String DEFAULT_CATALOG_URL = "http://localhost:8081";
    public static final String DEFAULT_ACCESS_URL = "http://localhost:8083";

    @Option(names = "--oidc-url", paramLabel = "URL",
            description = "OIDC issuer of the runway realm (env RUNWAY_OIDC_URL, default " + DEFAULT_OIDC_URL + ")")
    String oidcUrl;

    @Option(names = "--catalog-url", paramLabel = "URL",
            description = "catalog-service base URL (env RUNWAY_CATALOG_URL, default " + DEFAULT_CATALOG_URL + ")")
    String catalogUrl;

    @Option(names = "--access-url", paramLabel = "URL",
            description = "access-service base URL (env RUNWAY_ACCESS_URL, default " + DEFAULT_ACCESS_URL + ")")
    String accessUrl;

    public URI oidc(CliContext ctx) {
        return resolve(ctx, oidcUrl, "RUNWAY_OIDC_URL", DEFAULT_OIDC_URL);
    }

    public URI catalog(CliContext ctx) {
        return resolve(ctx, catalogUrl, "RUNWAY_CATALOG_URL", DEFAULT_CATALOG_URL);
    }

    public URI access(CliContext ctx) {
        return resolve(ctx, accessUrl, "RUNWAY_ACCESS_URL", DEFAULT_ACCESS_URL);
    }

    private static URI resolve(CliContext ctx, String flag, String variable, String fallback) {
        String value = flag != null && !flag.isBlank() ? flag : ctx.env(variable);
        if (value == null) {
            value = fallback;
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        try {
            URI uri = URI.create(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw CliException.usage("not an http(s) URL: " + value
                        + (flag != null ? "" : " (from " + variable + ")"));
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("not a URL: " + value + (flag != null ? "" : " (from " + variable + ")"));
        }
    }
}
