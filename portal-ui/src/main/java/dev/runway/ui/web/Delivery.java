package dev.runway.ui.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.runway.ui.client.InsightsApi;
import dev.runway.ui.client.InsightsApi.WeekPoint;

/**
 * The DORA answer of catalog-service made readable: one card per metric (value in words, what it rests on, the
 * tier as text), the two weekly charts and the same weeks as table rows.
 *
 * @param empty no deployment finished in the window, so the page explains how to record one instead
 */
public record Delivery(InsightsApi.Dora dora, List<Metric> metrics, boolean empty, String deploymentsChart,
        String leadTimeChart, List<WeekRow> weeks) {

    /** @param tier elite, high, medium, low, no_data or unrated; {@code tierLabel} says it in words */
    public record Metric(String key, String name, String value, String detail, String tier, String tierLabel,
            String hint) {
        public boolean hasData() {
            return !"no_data".equals(tier);
        }

        public String badge() {
            return tierClass(tier);
        }
    }

    public record WeekRow(String week, int deployments, int failures, String leadTime, int rework,
            int incidentsRestored, String timeToRestore) {
    }

    static final String RECORD_HINT = "record deployments with bin/runway deploy record";

    public static Delivery of(InsightsApi.Dora d, String chartId) {
        List<Metric> metrics = new ArrayList<>();
        var f = d.deploymentFrequency();
        metrics.add(new Metric("deployment-frequency", "Deployment frequency", f.value() == null ? null : frequency(f.value()),
                f.deployments() + (f.deployments() == 1 ? " deployment" : " deployments") + " to " + d.environment()
                        + " in " + d.window(),
                f.tier(), tierLabel(f.tier()), RECORD_HINT));
        var l = d.leadTime();
        metrics.add(new Metric("lead-time", "Lead time for changes", duration(l.medianSeconds()),
                "median of " + l.samples() + " deployments with commit times"
                        + (l.p90Seconds() == null ? "" : "; 90th percentile " + duration(l.p90Seconds().doubleValue())),
                l.tier(), tierLabel(l.tier()), "record deployments with their commit times (bin/runway deploy record)"));
        var c = d.changeFailureRate();
        metrics.add(new Metric("change-failure-rate", "Change failure rate", percent(c.value()),
                c.failures() + " of " + c.deployments() + " deployments failed or caused an incident",
                c.tier(), tierLabel(c.tier()), RECORD_HINT));
        var t = d.timeToRestore();
        metrics.add(new Metric("time-to-restore", "Time to restore service", duration(t.medianSeconds()),
                "median of " + t.samples() + " incidents resolved in the window; " + t.openIncidents() + " still open",
                t.tier(), tierLabel(t.tier()), "no incident was resolved in this window"));
        var r = d.reworkRate();
        metrics.add(new Metric("rework-rate", "Rework rate", percent(r.value()),
                r.reworkDeployments() + " of " + r.deployments() + " deployments were unplanned fixes",
                r.tier(), tierLabel(r.tier()), RECORD_HINT));
        List<WeekPoint> series = d.series() == null ? List.of() : d.series();
        List<WeekRow> weeks = series.stream().map(p -> new WeekRow(String.valueOf(p.weekStart()), p.deployments(),
                p.failures(), duration(p.medianLeadTimeSeconds()), p.reworkDeployments(), p.incidentsResolved(),
                duration(p.medianTimeToRestoreSeconds()))).toList();
        return new Delivery(d, metrics, f.deployments() == 0, DoraChartSvg.deployments(chartId + "-deployments", series),
                DoraChartSvg.leadTime(chartId + "-lead-time", series), weeks);
    }

    static String tierLabel(String tier) {
        if (tier == null) {
            return "Unknown";
        }
        return switch (tier) {
            case "elite" -> "Elite";
            case "high" -> "High";
            case "medium" -> "Medium";
            case "low" -> "Low";
            case "no_data" -> "No data";
            case "unrated" -> "Not rated by DORA";
            default -> tier;
        };
    }

    /** Per day from one a day up, per week from one a week, per month below that. */
    static String frequency(double perDay) {
        if (perDay >= 1) {
            return DoraChartSvg.fmt(round1(perDay)) + " per day";
        }
        if (perDay * 7 >= 1) {
            return DoraChartSvg.fmt(round1(perDay * 7)) + " per week";
        }
        return DoraChartSvg.fmt(round1(perDay * 30)) + " per month";
    }

    /** Seconds in the largest unit that keeps the number readable; null (no data) stays null. */
    static String duration(Double seconds) {
        if (seconds == null) {
            return null;
        }
        double s = seconds;
        if (s < 60) {
            return Math.round(s) + " s";
        }
        if (s < 3_600) {
            return Math.round(s / 60) + " min";
        }
        if (s < 2 * 86_400) {
            return DoraChartSvg.fmt(round1(s / 3_600)) + " hours";
        }
        return DoraChartSvg.fmt(round1(s / 86_400)) + " days";
    }

    static String percent(Double ratio) {
        return ratio == null ? null : DoraChartSvg.fmt(round1(ratio * 100)) + " %";
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The CSS class of a tier badge; only known tiers, so a surprising answer cannot inject a class. */
    static String tierClass(String tier) {
        return tier != null && tier.matches("elite|high|medium|low|no_data|unrated") ? tier.toLowerCase(Locale.ROOT)
                : "unknown";
    }
}
