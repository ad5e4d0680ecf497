package dev.runway.provisioning.driver;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where applications reach a database server: the configured host and port, else those of the admin URL
 * ({@code jdbc:postgresql://host:port/db}, {@code redis://host:port}), else the protocol's standard port.
 */
record ServerAddress(String host, int port) {

    static ServerAddress of(String engine, String adminUrl, Optional<String> host, OptionalInt port, int standardPort) {
        URI uri;
        try {
            uri = URI.create(adminUrl.startsWith("jdbc:") ? adminUrl.substring("jdbc:".length()) : adminUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("runway.provisioning." + engine + ".admin-url is not a URL", e);
        }
        // A URL with several hosts (fail-over) names no single one: the host to give applications must be set.
        String h = host.or(() -> Optional.ofNullable(uri.getHost())).orElseThrow(() -> new IllegalStateException(
                "set runway.provisioning." + engine + ".host: the admin URL names no single host"));
        return new ServerAddress(h, port.orElse(uri.getPort() == -1 ? standardPort : uri.getPort()));
    }
}
