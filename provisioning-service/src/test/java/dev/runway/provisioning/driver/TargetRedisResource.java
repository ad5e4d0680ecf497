package dev.runway.provisioning.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The Redis server the driver creates ACL users on: Debian's {@code redis-server} (package redis-server), started
 * once per test JVM by {@link LocalServer}, without persistence. The default user is off: the only way in is the
 * provisioning admin, an ACL user with a password, as the driver must authenticate on a real server.
 */
public class TargetRedisResource implements QuarkusTestResourceLifecycleManager {
    static final String ADMIN = "runway_provisioner";
    private static LocalServer server;
    private static String password;

    @Override
    public Map<String, String> start() {
        synchronized (TargetRedisResource.class) {
            if (server == null) {
                String redisServer = LocalServer.binary("/usr/bin/redis-server", "redis-server");
                LocalServer s = LocalServer.prepare("redis");
                String secret = LocalServer.randomSecret();
                Path conf = s.directory().resolve("redis.conf");
                try {
                    Files.writeString(conf, String.join("\n", "port " + s.port(), "bind 127.0.0.1",
                            "dir " + s.directory(), "save \"\"", "appendonly no", "daemonize no",
                            "user default off", "user " + ADMIN + " on >" + secret + " ~* &* +@all", ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                s.start(List.of(redisServer, conf.toString()));
                password = secret;
                server = s;
            }
        }
        return Map.of("runway.provisioning.redis.admin-url", "redis://127.0.0.1:" + server.port(),
                "runway.provisioning.redis.admin-user", ADMIN,
                "runway.provisioning.redis.admin-password", password);
    }

    public static int port() {
        return server.port();
    }

    public static String adminPassword() {
        return password;
    }

    @Override
    public void stop() {
        // Shared by the test classes of this JVM; stopped at exit.
    }
}
