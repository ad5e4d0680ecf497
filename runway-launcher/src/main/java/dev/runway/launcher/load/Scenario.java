package dev.runway.launcher.load;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One load scenario: what it prepares, the workload of its platform phase, the raw-PostgreSQL work it is compared
 * with (if any) and what it cleans up.
 */
public abstract class Scenario {

    /** Everything a scenario needs to know about the run. */
    public static final class Context {
        public final Platform platform;
        public final int clients;
        public final Duration duration;
        public final long maxRequests;
        public final String jdbcBase;
        public final int seed;
        public final String runId;
        public final List<String> notes = new ArrayList<>();

        public Context(Platform platform, int clients, Duration duration, long maxRequests, String jdbcBase, int seed,
                String runId) {
            this.platform = platform;
            this.clients = clients;
            this.duration = duration;
            this.maxRequests = maxRequests;
            this.jdbcBase = jdbcBase;
            this.seed = seed;
            this.runId = runId;
        }

        public Budget budget() {
            return Budget.of(duration, maxRequests);
        }
    }

    /** The next SQL request of a baseline client on its own connection. */
    @FunctionalInterface
    public interface SqlWorkload {
        Runner.Action next(Connection connection, int client, SplittableRandom random) throws Exception;
    }

    /** The baseline: which database, what it does, and the work; {@code work} null when there is no equivalent. */
    public record Baseline(String database, String description, SqlWorkload work) {
        public static Baseline none(String why) {
            return new Baseline(null, why, null);
        }
    }

    public abstract String name();

    public void prepare(Context ctx) throws Exception {
    }

    /** The platform phase: load against the running platform, measured. */
    public abstract Measurements runPlatform(Context ctx) throws Exception;

    public abstract Baseline baseline(Context ctx);

    /** Per-connection setup of the baseline (e.g. a scratch table); runs once on each client's connection. */
    public void prepareBaselineConnection(Connection connection) throws Exception {
    }

    public void cleanup(Context ctx) throws Exception {
    }
}
