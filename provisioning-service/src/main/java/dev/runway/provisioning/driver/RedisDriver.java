package dev.runway.provisioning.driver;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.provisioning.config.ProvisioningConfig;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.vertx.redis.client.impl.types.ErrorType;

/**
 * Redis has no databases to create: a tenant is an ACL user confined to the keys and channels under its own
 * prefix ({@code <name>:}). The password is set as its SHA-256 ({@code #<hex>}), never in cleartext.
 */
@ApplicationScoped
public class RedisDriver implements DatabaseDriver {
    private final RedisDataSource redis;
    private final ProvisioningConfig.Redis config;

    public RedisDriver(RedisDataSource redis, ProvisioningConfig config) {
        this.redis = redis;
        this.config = config.redis();
    }

    @Override
    public String engine() {
        return "redis";
    }

    /** {@code reset} first, so re-running leaves exactly these rules whatever was there before. */
    @Override
    public void ensureAccount(DatabaseSpec spec, char[] password) {
        call("create ACL user", () -> redis.execute("ACL", "SETUSER", spec.name(), "reset", "on",
                "#" + sha256(password), "~" + spec.name() + ":*", "&" + spec.name() + ":*", "+@all", "-@admin",
                "-@dangerous"));
    }

    /** The key prefix is the database: nothing exists before the first key is written. */
    @Override
    public void ensureDatabase(DatabaseSpec spec) {
        call("check the server", () -> redis.execute("PING"));
    }

    /** The ACL rules of {@link #ensureAccount} are the grants; re-checked here against drift. */
    @Override
    public void ensureGrants(DatabaseSpec spec) {
        call("check ACL user", () -> {
            if (redis.execute("ACL", "GETUSER", spec.name()) == null) {
                throw new ExternalFailure("Redis ACL user is missing, will recreate", true, null);
            }
            return null;
        });
    }

    @Override
    public void setPassword(DatabaseSpec spec, char[] password) {
        call("set password", () -> redis.execute("ACL", "SETUSER", spec.name(), "resetpass", "#" + sha256(password)));
    }

    @Override
    public void dropDatabase(DatabaseSpec spec) {
        call("delete keys", () -> {
            List<String> keys = new ArrayList<>();
            redis.key().scan(new KeyScanArgs().match(spec.name() + ":*").count(500)).toIterable().forEach(keys::add);
            for (int i = 0; i < keys.size(); i += 500) {
                redis.key().unlink(keys.subList(i, Math.min(keys.size(), i + 500)).toArray(String[]::new));
            }
            return null;
        });
    }

    @Override
    public void dropAccount(DatabaseSpec spec) {
        call("delete ACL user", () -> redis.execute("ACL", "DELUSER", spec.name()));
    }

    @Override
    public ConnectionInfo connectionInfo(DatabaseSpec spec) {
        return new ConnectionInfo(config.host(), config.port(), null, spec.name());
    }

    static String sha256(char[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(MariadbDriver.utf8(password)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (ExternalFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // A reply error (ErrorType) is the server refusing; its text may echo arguments, so it is dropped.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ErrorType) {
                    throw new ExternalFailure("Redis refused to " + what, false, null);
                }
            }
            throw new ExternalFailure("Redis is unavailable to " + what + ", will retry", true, e);
        }
    }
}
