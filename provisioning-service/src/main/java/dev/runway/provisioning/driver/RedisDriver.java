package dev.runway.provisioning.driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.config.ProvisioningConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Redis has no databases to create: a tenant is an ACL user confined to the keys and channels under its own
 * prefix ({@code <name>:}). The password is set as its SHA-256 ({@code #<hex>}), never in cleartext.
 * <p>
 * The admin connection is a client of its own, made from {@code runway.provisioning.redis.*} only when a server is
 * configured; it connects on first use, so the service starts whether or not Redis is up.
 */
@ApplicationScoped
public class RedisDriver implements DatabaseDriver {
    static final int STANDARD_PORT = 6379;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int SCAN_BATCH = 500;

    private final Optional<Redis> redis;
    private final Optional<ServerAddress> address;

    public RedisDriver(Vertx vertx, ProvisioningConfig config) {
        ProvisioningConfig.Redis c = config.redis();
        this.redis = c.adminUrl().map(url -> Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(endpoint(url, c.adminUser()))
                .setPassword(c.adminPassword().orElse(null))
                .setMaxPoolSize(4)
                .setNetClientOptions(new NetClientOptions().setConnectTimeout((int) TIMEOUT.toMillis()))));
        this.address = c.adminUrl().map(url -> ServerAddress.of(engine(), url, c.host(), c.port(), STANDARD_PORT));
    }

    @PreDestroy
    void close() {
        redis.ifPresent(Redis::close);
    }

    @Override
    public String engine() {
        return "redis";
    }

    @Override
    public boolean configured() {
        return redis.isPresent();
    }

    /** {@code reset} first, so re-running leaves exactly these rules whatever was there before. */
    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        call("create ACL user", Request.cmd(Command.ACL).arg("SETUSER").arg(spec.name()).arg("reset").arg("on")
                .arg("#" + sha256(password)).arg("~" + spec.name() + ":*").arg("&" + spec.name() + ":*").arg("+@all")
                .arg("-@admin").arg("-@dangerous"));
    }

    /** The key prefix is the database: nothing exists before the first key is written. */
    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        call("check the server", Request.cmd(Command.PING));
    }

    /** The ACL rules of {@link #ensureAccount} are the grants; re-checked here against drift. */
    @Override
    public void ensureGrants(DatabaseSpec spec) {
        if (call("check ACL user", Request.cmd(Command.ACL).arg("GETUSER").arg(spec.name())) == null) {
            throw new ExternalFailure("Redis ACL user is missing, will recreate", true, null);
        }
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        call("set password", Request.cmd(Command.ACL).arg("SETUSER").arg(spec.name()).arg("resetpass")
                .arg("#" + sha256(password)));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        String cursor = "0";
        do {
            Response page = call("list keys", Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(spec.name() + ":*")
                    .arg("COUNT").arg(SCAN_BATCH));
            cursor = page.get(0).toString();
            Response keys = page.get(1);
            if (keys.size() > 0) {
                Request unlink = Request.cmd(Command.UNLINK);
                keys.forEach(k -> unlink.arg(k.toBuffer()));
                call("delete keys", unlink);
            }
        } while (!"0".equals(cursor));
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        call("delete ACL user", Request.cmd(Command.ACL).arg("DELUSER").arg(spec.name()));
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        ServerAddress a = address.orElseThrow(() -> DatabaseDriver.noServerFailure(engine()));
        return new ConnectionInfo(a.host(), a.port(), null, spec.name());
    }

    static String sha256(char[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MariadbDriver.utf8(password)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The admin URL naming the ACL user, if one is set (the client's {@code user} parameter); the password goes in the options. */
    static String endpoint(String adminUrl, Optional<String> user) {
        return user.map(u -> adminUrl + (adminUrl.contains("?") ? "&" : "?") + "user="
                + URLEncoder.encode(u, StandardCharsets.UTF_8)).orElse(adminUrl);
    }

    /** One command with a bound wait, its failures translated: a reply error's text may echo arguments, so it is dropped. */
    private Response call(String what, Request request) {
        Redis client = redis.orElseThrow(() -> DatabaseDriver.noServerFailure(engine()));
        try {
            return client.send(request).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExternalFailure("interrupted while asking Redis to " + what + ", will retry", true, null);
        } catch (TimeoutException e) {
            throw new ExternalFailure("Redis did not answer within " + TIMEOUT.toSeconds() + "s to " + what
                    + ", will retry", true, null);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof ErrorType) {
                    throw new ExternalFailure("Redis refused to " + what, false, null);
                }
            }
            throw new ExternalFailure("Redis is unavailable to " + what + ", will retry", true, e.getCause());
        }
    }
}
