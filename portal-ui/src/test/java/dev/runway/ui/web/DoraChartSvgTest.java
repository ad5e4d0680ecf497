package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.runway.ui.client.InsightsApi.WeekPoint;

/**
 * The weekly DORA charts, every coordinate computed by hand: four weeks give 560 / 4 = 140 px slots from x = 40,
 * the baseline is y = 220 and the largest value of a chart is 200 px tall.
 */
class DoraChartSvgTest {
    /** Deployments 3, 0, 6, 1; failures 1, 0, 2, 0; median lead times 10 min, none, 30 min, none. */
    private static final List<WeekPoint> WEEKS = List.of(
            week("2026-03-02", 3, 1, 600.0), week("2026-03-09", 0, 0, null),
            week("2026-03-16", 6, 2, 1800.0), week("2026-03-23", 1, 0, null));

    private static WeekPoint week(String start, int deployments, int failures, Double lead) {
        return new WeekPoint(LocalDate.parse(start), deployments, failures, lead, 0, 0, null);
    }

    private static int count(String svg, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(svg);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void assertContains(String svg, String needle) {
        assertTrue(svg.contains(needle), () -> "expected " + needle + " in " + svg);
    }

    @Test
    void deploymentsAndFailuresAreSideBySideBarsScaledToTheBusiestWeek() {
        String svg = DoraChartSvg.deployments("c", WEEKS);
        // Zero weeks draw no bar: 3 deployment bars, 2 failure bars.
        assertEquals(3, count(svg, "<rect class=\"bar deployments\""));
        assertEquals(2, count(svg, "<rect class=\"bar failures\""));
        // Week 1: 3 of 6 is 100 px; the bar starts 14 px (a tenth of the slot) into it and is 56 px wide.
        assertContains(svg, "<rect class=\"bar deployments\" data-week=\"2026-03-02\" x=\"54.0\" y=\"120.0\""
                + " width=\"56.0\" height=\"100.0\" fill=\"#1f5fbf\"><title>Week of 2026-03-02: 3 deployments</title>");
        // Its failure: 1 of 6 is 33.3 px, from the middle of the slot (40 + 70).
        assertContains(svg, "<rect class=\"bar failures\" data-week=\"2026-03-02\" x=\"110.0\" y=\"186.7\""
                + " width=\"56.0\" height=\"33.3\" fill=\"#a3261b\"><title>Week of 2026-03-02: 1 failure</title>");
        // Week 3 starts at 40 + 2 * 140 = 320: the busiest week, full height; 2 failures are 66.7 px.
        assertContains(svg, "data-week=\"2026-03-16\" x=\"334.0\" y=\"20.0\" width=\"56.0\" height=\"200.0\"");
        assertContains(svg, "data-week=\"2026-03-16\" x=\"390.0\" y=\"153.3\" width=\"56.0\" height=\"66.7\"");
        // Week 4 starts at 460: one deployment, a sixth of the height, singular in its tooltip.
        assertContains(svg, "data-week=\"2026-03-23\" x=\"474.0\" y=\"186.7\" width=\"56.0\" height=\"33.3\"");
        assertContains(svg, "Week of 2026-03-23: 1 deployment</title>");
        // The scale's top says 6; each week is labelled under the middle of its slot.
        assertContains(svg, "<text x=\"36\" y=\"24\" font-size=\"11\" text-anchor=\"end\" fill=\"#4a5360\">6</text>");
        assertContains(svg, "<text x=\"110.0\" y=\"234\" font-size=\"10\" text-anchor=\"middle\" fill=\"#4a5360\">03-02</text>");
        assertContains(svg, "<text x=\"530.0\" y=\"234\" font-size=\"10\" text-anchor=\"middle\" fill=\"#4a5360\">03-23</text>");
    }

    @Test
    void aChartIsLabelledAndDescribedForAssistiveTechnology() {
        String svg = DoraChartSvg.deployments("team-dora", WEEKS);
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 240\" role=\"img\""
                + " aria-labelledby=\"team-dora-title team-dora-desc\" id=\"team-dora\">"), svg);
        assertContains(svg, "<title id=\"team-dora-title\">Deployments and failures per week</title>");
        assertContains(svg, "<desc id=\"team-dora-desc\">10 deployments and 3 failed or incident-causing deployments"
                + " over 4 weeks;");
        assertTrue(svg.endsWith("</svg>"));
    }

    @Test
    void leadTimeBarsScaleToTheLongestMedianAndSkipWeeksWithout() {
        String svg = DoraChartSvg.leadTime("l", WEEKS);
        assertEquals(2, count(svg, "<rect class=\"bar lead-time\""));
        // 10 of 30 minutes is 66.7 px; a lead-time bar starts a fifth into the slot and is 84 px wide.
        assertContains(svg, "<rect class=\"bar lead-time\" data-week=\"2026-03-02\" x=\"68.0\" y=\"153.3\""
                + " width=\"84.0\" height=\"66.7\" fill=\"#1d6b3a\"><title>Week of 2026-03-02: median lead time 10"
                + " minutes</title>");
        assertContains(svg, "data-week=\"2026-03-16\" x=\"348.0\" y=\"20.0\" width=\"84.0\" height=\"200.0\"");
        assertContains(svg, ">30 min</text>");
        assertContains(svg, "in minutes;");
    }

    @Test
    void longLeadTimesAreScaledInDaysAndHoursInBetween() {
        String days = DoraChartSvg.leadTime("l", List.of(week("2026-03-02", 1, 0, 3 * 86_400.0),
                week("2026-03-09", 1, 0, 1.5 * 86_400.0)));
        assertContains(days, ">3 d</text>");
        // 1.5 of 3 days: half of the 280 px slot's bar, from 40 + 280 + 56.
        assertContains(days, "data-week=\"2026-03-09\" x=\"376.0\" y=\"120.0\" width=\"168.0\" height=\"100.0\"");
        assertContains(days, "median lead time 1.5 days");
        assertEquals(DoraChartSvg.Unit.HOURS, DoraChartSvg.Unit.of(7_200));
        assertEquals(DoraChartSvg.Unit.MINUTES, DoraChartSvg.Unit.of(7_199));
        assertEquals(DoraChartSvg.Unit.DAYS, DoraChartSvg.Unit.of(172_800));
    }

    @Test
    void weeksWithoutAnythingDrawTheAxesButNoBar() {
        List<WeekPoint> quiet = List.of(week("2026-03-02", 0, 0, null), week("2026-03-09", 0, 0, null));
        String deployments = DoraChartSvg.deployments("q", quiet);
        String lead = DoraChartSvg.leadTime("q2", quiet);
        assertFalse(deployments.contains("<rect"));
        assertFalse(lead.contains("<rect"));
        assertContains(deployments, ">1</text>");
        assertContains(lead, "03-09</text>");
        assertFalse(DoraChartSvg.deployments("e", List.of()).contains("<rect"));
    }
}
