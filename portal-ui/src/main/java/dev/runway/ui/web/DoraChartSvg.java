package dev.runway.ui.web;

import java.util.List;
import java.util.Locale;

import dev.runway.ui.client.InsightsApi.WeekPoint;

/**
 * Draws DORA's weekly series as SVG bar charts on the server, like {@link GraphSvg}: no script, so the page's CSP
 * allows it and it reads without JS. Each chart has a title and a description, each bar a tooltip title, and the
 * page shows the same numbers in a table, so neither colour nor the picture is the only way to the figures.
 * <p>
 * Geometry, fixed so a test can compute every bar by hand: the plot is {@value #PLOT_WIDTH} wide from x =
 * {@value #LEFT} and {@value #PLOT_HEIGHT} high with its baseline at y = {@value #BASELINE}; each week gets an equal
 * slot, and a bar's height is its value over the chart's largest value times the plot height.
 */
public final class DoraChartSvg {
    static final int WIDTH = 600;
    static final int HEIGHT = 240;
    static final int LEFT = 40;
    static final int TOP = 20;
    static final int PLOT_WIDTH = WIDTH - LEFT;
    static final int PLOT_HEIGHT = 200;
    static final int BASELINE = TOP + PLOT_HEIGHT;
    static final String DEPLOY_COLOUR = "#1f5fbf";
    static final String FAILURE_COLOUR = "#a3261b";
    static final String LEAD_COLOUR = "#1d6b3a";

    private DoraChartSvg() {
    }

    /** Deployments and failed deployments per week, side by side: deployments in the left half of the slot. */
    public static String deployments(String id, List<WeekPoint> series) {
        int max = 1;
        int total = 0;
        int failed = 0;
        for (WeekPoint p : series) {
            max = Math.max(max, Math.max(p.deployments(), p.failures()));
            total += p.deployments();
            failed += p.failures();
        }
        StringBuilder svg = open(id, "Deployments and failures per week",
                total + " deployments and " + failed + " failed or incident-causing deployments over " + series.size()
                        + " weeks; deployments are the left bar of each week, failures the right one. The numbers"
                        + " are in the table below.");
        axis(svg, String.valueOf(max));
        double slot = slot(series);
        for (int i = 0; i < series.size(); i++) {
            WeekPoint p = series.get(i);
            double x0 = LEFT + i * slot;
            bar(svg, "deployments", p, x0 + slot * 0.1, slot * 0.4, (double) p.deployments() / max, DEPLOY_COLOUR,
                    p.deployments() + (p.deployments() == 1 ? " deployment" : " deployments"));
            bar(svg, "failures", p, x0 + slot * 0.5, slot * 0.4, (double) p.failures() / max, FAILURE_COLOUR,
                    p.failures() + (p.failures() == 1 ? " failure" : " failures"));
            label(svg, p, x0 + slot / 2);
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The median lead time per week, in minutes, hours or days as the largest median needs; weeks without one stay
     * empty.
     */
    public static String leadTime(String id, List<WeekPoint> series) {
        double max = 0;
        for (WeekPoint p : series) {
            if (p.medianLeadTimeSeconds() != null) {
                max = Math.max(max, p.medianLeadTimeSeconds());
            }
        }
        Unit unit = Unit.of(max);
        StringBuilder svg = open(id, "Median lead time for changes per week",
                "Median time from first commit to production per week, in " + unit.name + "; weeks without deployments"
                        + " carrying commit times have no bar. The numbers are in the table below.");
        axis(svg, max == 0 ? "0" : fmt(max / unit.seconds) + " " + unit.abbreviation);
        double slot = slot(series);
        for (int i = 0; i < series.size(); i++) {
            WeekPoint p = series.get(i);
            double x0 = LEFT + i * slot;
            if (p.medianLeadTimeSeconds() != null && max > 0) {
                bar(svg, "lead-time", p, x0 + slot * 0.2, slot * 0.6, p.medianLeadTimeSeconds() / max, LEAD_COLOUR,
                        "median lead time " + fmt(p.medianLeadTimeSeconds() / unit.seconds) + " " + unit.name);
            }
            label(svg, p, x0 + slot / 2);
        }
        return svg.append("</svg>").toString();
    }

    /** The scale unit of a lead-time chart: days from two days up, hours from two hours, minutes below. */
    enum Unit {
        MINUTES("minutes", "min", 60), HOURS("hours", "h", 3_600), DAYS("days", "d", 86_400);

        final String name;
        final String abbreviation;
        final double seconds;

        Unit(String name, String abbreviation, double seconds) {
            this.name = name;
            this.abbreviation = abbreviation;
            this.seconds = seconds;
        }

        static Unit of(double maxSeconds) {
            return maxSeconds >= 2 * 86_400 ? DAYS : maxSeconds >= 2 * 3_600 ? HOURS : MINUTES;
        }
    }

    private static StringBuilder open(String id, String title, String desc) {
        return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH)
                .append(' ').append(HEIGHT).append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ")
                .append(id).append("-desc\" id=\"").append(id).append("\"><title id=\"").append(id).append("-title\">")
                .append(GraphSvg.escape(title)).append("</title><desc id=\"").append(id).append("-desc\">")
                .append(GraphSvg.escape(desc)).append("</desc>");
    }

    private static void axis(StringBuilder svg, String top) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#4a5360\"/>",
                LEFT, BASELINE, WIDTH, BASELINE));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d5dae1\"/>",
                LEFT, TOP, WIDTH, TOP));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5360\">%s</text>",
                LEFT - 4, TOP + 4, GraphSvg.escape(top)));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5360\">0</text>",
                LEFT - 4, BASELINE + 4));
    }

    private static double slot(List<WeekPoint> series) {
        return (double) PLOT_WIDTH / Math.max(1, series.size());
    }

    /** A bar of {@code share} of the plot height; nothing for a zero, whose week still shows in the table. */
    private static void bar(StringBuilder svg, String kind, WeekPoint p, double x, double width, double share,
            String colour, String what) {
        if (share <= 0) {
            return;
        }
        double height = share * PLOT_HEIGHT;
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"bar %s\" data-week=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                        + " fill=\"%s\"><title>Week of %s: %s</title></rect>",
                kind, p.weekStart(), x, BASELINE - height, width, height, colour, p.weekStart(), GraphSvg.escape(what)));
    }

    private static void label(StringBuilder svg, WeekPoint p, double centre) {
        String text = p.weekStart() == null ? "" : String.format(Locale.ROOT, "%02d-%02d",
                p.weekStart().getMonthValue(), p.weekStart().getDayOfMonth());
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#4a5360\">%s</text>", centre,
                BASELINE + 14, text));
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
