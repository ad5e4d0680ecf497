package dev.runway.catalog.insights.dora;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DORA metrics of one window from the raw events, pure and deterministic so every figure is unit-tested by
 * hand. The window is half-open, {@code [from, to)}. A deployment belongs to the window when it finished in it; an
 * incident's restore time counts when it was resolved in it. Every ratio and median has a "no data" answer instead
 * of a division by zero.
 */
public final class DoraCalculator {
    private static final double SECONDS_PER_DAY = 86_400.0;

    private DoraCalculator() {
    }

    /**
     * One deployment as the metrics need it.
     *
     * @param earliestCommit the oldest commit it shipped, or null when the reporter sent no commit times
     * @param failed         its status was failure or rolled_back
     * @param causedIncident an incident names it as its cause
     */
    public record DeploymentFact(String externalId, Instant finishedAt, Instant earliestCommit, boolean failed,
            boolean rework, boolean causedIncident) {

        boolean changeFailure() {
            return failed || causedIncident;
        }

        Long leadTimeSeconds() {
            return earliestCommit == null ? null : Duration.between(earliestCommit, finishedAt).getSeconds();
        }
    }

    /** One incident; {@code resolvedAt} null while open. */
    public record IncidentFact(Instant openedAt, Instant resolvedAt) {
    }

    public record DeploymentFrequency(Double value, int deployments, DoraTier tier) {
    }

    public record LeadTime(Double medianSeconds, Long p90Seconds, int samples, DoraTier tier) {
    }

    public record ChangeFailureRate(Double value, int failures, int deployments, DoraTier tier) {
    }

    /** @param openIncidents incidents opened before the window's end and not resolved by it; not in the median */
    public record TimeToRestore(Double medianSeconds, int samples, int openIncidents, DoraTier tier) {
    }

    public record ReworkRate(Double value, int reworkDeployments, int deployments, DoraTier tier) {
    }

    /** One ISO week (starting Monday, UTC) of the window, for charts; only events inside the window count. */
    public record WeekPoint(LocalDate weekStart, int deployments, int failures, Double medianLeadTimeSeconds,
            int reworkDeployments, int incidentsResolved, Double medianTimeToRestoreSeconds) {
    }

    public record Metrics(DeploymentFrequency deploymentFrequency, LeadTime leadTime,
            ChangeFailureRate changeFailureRate, TimeToRestore timeToRestore, ReworkRate reworkRate,
            List<WeekPoint> series) {
    }

    public static Metrics compute(Instant from, Instant to, List<DeploymentFact> deployments,
            List<IncidentFact> incidents) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty window " + from + " .. " + to);
        }
        List<DeploymentFact> inWindow = deployments.stream().filter(d -> within(d.finishedAt(), from, to)).toList();
        List<IncidentFact> restored = incidents.stream()
                .filter(i -> i.resolvedAt() != null && within(i.resolvedAt(), from, to)).toList();
        int open = (int) incidents.stream().filter(i -> i.openedAt().isBefore(to)
                && (i.resolvedAt() == null || !i.resolvedAt().isBefore(to))).count();

        int count = inWindow.size();
        double days = Duration.between(from, to).getSeconds() / SECONDS_PER_DAY;
        DeploymentFrequency frequency = count == 0 ? new DeploymentFrequency(null, 0, DoraTier.NO_DATA)
                : new DeploymentFrequency(count / days, count, DoraThresholds.deploymentFrequency(count / days));

        long[] leadTimes = leadTimes(inWindow);
        LeadTime leadTime = leadTimes.length == 0 ? new LeadTime(null, null, 0, DoraTier.NO_DATA)
                : new LeadTime(median(leadTimes), nearestRank(leadTimes, 90), leadTimes.length,
                        DoraThresholds.leadTime(median(leadTimes)));

        int failures = (int) inWindow.stream().filter(DeploymentFact::changeFailure).count();
        ChangeFailureRate failureRate = count == 0 ? new ChangeFailureRate(null, 0, 0, DoraTier.NO_DATA)
                : new ChangeFailureRate((double) failures / count, failures, count,
                        DoraThresholds.changeFailureRate((double) failures / count));

        long[] restoreTimes = restoreTimes(restored);
        TimeToRestore restore = restoreTimes.length == 0 ? new TimeToRestore(null, 0, open, DoraTier.NO_DATA)
                : new TimeToRestore(median(restoreTimes), restoreTimes.length, open,
                        DoraThresholds.timeToRestore(median(restoreTimes)));

        int rework = (int) inWindow.stream().filter(DeploymentFact::rework).count();
        ReworkRate reworkRate = count == 0 ? new ReworkRate(null, 0, 0, DoraTier.NO_DATA)
                : new ReworkRate((double) rework / count, rework, count, DoraTier.UNRATED);

        return new Metrics(frequency, leadTime, failureRate, restore, reworkRate, series(from, to, inWindow, restored));
    }

    private static List<WeekPoint> series(Instant from, Instant to, List<DeploymentFact> deployments,
            List<IncidentFact> restored) {
        Map<LocalDate, List<DeploymentFact>> deploysByWeek = new LinkedHashMap<>();
        Map<LocalDate, List<IncidentFact>> restoredByWeek = new LinkedHashMap<>();
        LocalDate last = weekStart(to.minusNanos(1));
        for (LocalDate week = weekStart(from); !week.isAfter(last); week = week.plusWeeks(1)) {
            deploysByWeek.put(week, new ArrayList<>());
            restoredByWeek.put(week, new ArrayList<>());
        }
        deployments.forEach(d -> deploysByWeek.get(weekStart(d.finishedAt())).add(d));
        restored.forEach(i -> restoredByWeek.get(weekStart(i.resolvedAt())).add(i));
        List<WeekPoint> points = new ArrayList<>();
        deploysByWeek.forEach((week, ds) -> {
            long[] leads = leadTimes(ds);
            long[] restores = restoreTimes(restoredByWeek.get(week));
            points.add(new WeekPoint(week, ds.size(), (int) ds.stream().filter(DeploymentFact::changeFailure).count(),
                    leads.length == 0 ? null : median(leads), (int) ds.stream().filter(DeploymentFact::rework).count(),
                    restores.length, restores.length == 0 ? null : median(restores)));
        });
        return points;
    }

    static LocalDate weekStart(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static long[] leadTimes(List<DeploymentFact> deployments) {
        return deployments.stream().map(DeploymentFact::leadTimeSeconds).filter(s -> s != null)
                .mapToLong(Long::longValue).sorted().toArray();
    }

    private static long[] restoreTimes(List<IncidentFact> incidents) {
        return incidents.stream().mapToLong(i -> Duration.between(i.openedAt(), i.resolvedAt()).getSeconds())
                .sorted().toArray();
    }

    /** Median of a non-empty array; the mean of the two middle values for an even count. */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Nearest-rank percentile of a non-empty array: an observed value, never an interpolation. */
    static long nearestRank(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
