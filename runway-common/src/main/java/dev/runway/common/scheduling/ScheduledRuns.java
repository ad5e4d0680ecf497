package dev.runway.common.scheduling;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scheduled work on several replicas of one service. Two kinds of job exist:
 * <ul>
 * <li><b>Elected</b> jobs (facet compaction, the TTL reaper, audit retention) do one thing per period for the whole
 * service. Every replica ticks; {@link #claim} lets exactly one of them run per period: the job's row in
 * {@value #TABLE} records when it last ran, and one conditional upsert moves that time forward only when a period
 * (less a tenth, for scheduler jitter) has passed. The row lock of the upsert makes concurrent claims wait for each
 * other and then see the winner's time, so two replicas never both win; a replica that dies simply stops claiming
 * and another wins the next period. No lease needs renewing and none is left held.</li>
 * <li><b>Shared</b> jobs (outbox relays, the reconciler, grant and request expiry, the rate-limit sweep) run on every
 * replica every period and split their rows with {@code FOR UPDATE SKIP LOCKED}; {@link #ran} only counts them.</li>
 * </ul>
 * Every tick is counted per replica in {@code runway_scheduled_runs_total{job, outcome}} (outcome {@code ran}, or
 * {@code skipped} when another replica holds the period), which the two-replica platform test reads from each
 * replica. The counters are per process, like every Micrometer meter: the service's total is their sum.
 */
@ApplicationScoped
public class ScheduledRuns {
    public static final String TABLE = "scheduled_job";
    static final String CLAIM = """
            INSERT INTO scheduled_job AS j (job, last_run_at, runs, holder) VALUES (?, clock_timestamp(), 1, ?)
            ON CONFLICT (job) DO UPDATE SET last_run_at = excluded.last_run_at, runs = j.runs + 1, holder = excluded.holder
            WHERE j.last_run_at <= excluded.last_run_at - make_interval(secs => ?)""";

    private final Supplier<DataSource> dataSource;
    private final MeterRegistry registry;
    private final String holder;

    @Inject
    public ScheduledRuns(Instance<DataSource> dataSource, MeterRegistry registry) {
        this(dataSource::get, registry, ManagementFactory.getRuntimeMXBean().getName());
    }

    /** One replica's view, named {@code holder}: what each replica of a service builds, for tests of several. */
    public ScheduledRuns(Supplier<DataSource> dataSource, MeterRegistry registry, String holder) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.holder = holder;
    }

    /**
     * Claims this period of an elected job: true on exactly one replica per period, which then runs it; false (and
     * counted as skipped) on the others. The claim commits on its own, before the work: a run that fails is not
     * retried by another replica in the same period, just as a single instance would wait for its next tick.
     */
    public boolean claim(String job, Duration period) {
        boolean won;
        try (Connection c = dataSource.get().getConnection(); PreparedStatement s = c.prepareStatement(CLAIM)) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            s.setString(1, job);
            s.setString(2, holder);
            s.setDouble(3, period.toMillis() * 0.9 / 1000.0);
            won = s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim the scheduled job " + job + ": " + e.getMessage(), e);
        }
        counter(job, won ? "ran" : "skipped").increment();
        return won;
    }

    /** Counts one run of a shared job on this replica. */
    public void ran(String job) {
        counter(job, "ran").increment();
    }

    /** How many ticks of {@code job} this replica counted with {@code outcome} ({@code ran} or {@code skipped}). */
    public long count(String job, String outcome) {
        return (long) counter(job, outcome).count();
    }

    private Counter counter(String job, String outcome) {
        return Counter.builder("runway.scheduled.runs").description("Scheduled job ticks on this replica, by outcome")
                .tag("job", job).tag("outcome", outcome).register(registry);
    }
}
