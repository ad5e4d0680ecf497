package dev.runway.catalog.insights.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.runway.catalog.insights.dora.DoraCalculator.DeploymentFact;
import dev.runway.catalog.insights.dora.DoraCalculator.IncidentFact;
import dev.runway.catalog.insights.dora.DoraCalculator.Metrics;

/** Every expected value below is worked out by hand in the comments next to it. */
class DoraCalculatorTest {
    /** Monday 2026-01-05 00:00 to Monday 2026-01-19 00:00: 14 days, two whole ISO weeks. */
    private static final Instant FROM = t("2026-01-05T00:00:00Z");
    private static final Instant TO = t("2026-01-19T00:00:00Z");

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static DeploymentFact deploy(String id, String finished, String commit, boolean failed, boolean rework,
            boolean incident) {
        return new DeploymentFact(id, t(finished), commit == null ? null : t(commit), failed, rework, incident);
    }

    private static final List<DeploymentFact> DEPLOYS = List.of(
            // lead 2 h = 7200 s
            deploy("d1", "2026-01-05T10:00:00Z", "2026-01-05T08:00:00Z", false, false, false),
            // lead 2 days = 172800 s; failed
            deploy("d2", "2026-01-06T12:00:00Z", "2026-01-04T12:00:00Z", true, false, false),
            // no commit times: counts everywhere except lead time; rework
            deploy("d3", "2026-01-12T00:00:00Z", null, false, true, false),
            // lead 6 h = 21600 s; succeeded but an incident names it: a change failure
            deploy("d4", "2026-01-13T00:00:00Z", "2026-01-12T18:00:00Z", false, false, true),
            // one second before the window: ignored although failed
            deploy("d5", "2026-01-04T23:59:59Z", "2026-01-01T00:00:00Z", true, false, true),
            // exactly at the window's end (half-open): ignored
            deploy("d6", "2026-01-19T00:00:00Z", "2026-01-18T00:00:00Z", true, true, false));

    private static final List<IncidentFact> INCIDENTS = List.of(
            new IncidentFact(t("2026-01-06T12:30:00Z"), t("2026-01-06T13:00:00Z")), // 1800 s
            new IncidentFact(t("2026-01-13T01:00:00Z"), t("2026-01-13T05:00:00Z")), // 14400 s
            new IncidentFact(t("2026-01-14T00:00:00Z"), null), // open
            new IncidentFact(t("2026-01-01T00:00:00Z"), t("2026-01-04T00:00:00Z")), // resolved before the window
            new IncidentFact(t("2026-01-18T00:00:00Z"), t("2026-01-19T01:00:00Z"))); // open at the window's end

    @Test
    void everyMetricOfAMixedWindow() {
        Metrics m = DoraCalculator.compute(FROM, TO, DEPLOYS, INCIDENTS);

        // d1..d4 in the window: 4 / 14 days = 0.2857 per day, at least weekly but not daily: high
        assertEquals(4, m.deploymentFrequency().deployments());
        assertEquals(4 / 14.0, m.deploymentFrequency().value(), 1e-12);
        assertEquals(DoraTier.HIGH, m.deploymentFrequency().tier());

        // lead times 7200, 21600, 172800 (d3 has none): median 21600 s = 6 h < 1 day: elite;
        // p90 nearest rank ceil(0.9 * 3) = 3rd = 172800
        assertEquals(3, m.leadTime().samples());
        assertEquals(21600.0, m.leadTime().medianSeconds());
        assertEquals(172800L, m.leadTime().p90Seconds());
        assertEquals(DoraTier.ELITE, m.leadTime().tier());

        // d2 failed, d4 caused an incident: 2 of 4 = 0.5 > 15 %: low
        assertEquals(2, m.changeFailureRate().failures());
        assertEquals(4, m.changeFailureRate().deployments());
        assertEquals(0.5, m.changeFailureRate().value());
        assertEquals(DoraTier.LOW, m.changeFailureRate().tier());

        // resolved in the window: 1800 and 14400 s, median 8100 s = 2.25 h: under a day, high;
        // open at the end: the unresolved one and the one resolved after the window
        assertEquals(2, m.timeToRestore().samples());
        assertEquals(8100.0, m.timeToRestore().medianSeconds());
        assertEquals(2, m.timeToRestore().openIncidents());
        assertEquals(DoraTier.HIGH, m.timeToRestore().tier());

        // d3 of 4: 0.25, DORA publishes no tiers for it
        assertEquals(1, m.reworkRate().reworkDeployments());
        assertEquals(0.25, m.reworkRate().value());
        assertEquals(DoraTier.UNRATED, m.reworkRate().tier());
    }

    @Test
    void weeklySeriesSplitsTheWindowByIsoWeek() {
        Metrics m = DoraCalculator.compute(FROM, TO, DEPLOYS, INCIDENTS);

        assertEquals(2, m.series().size());
        var first = m.series().get(0);
        // d1, d2: one failure; lead times 7200 and 172800, median (7200 + 172800) / 2 = 90000; incident 1800 s
        assertEquals(LocalDate.parse("2026-01-05"), first.weekStart());
        assertEquals(2, first.deployments());
        assertEquals(1, first.failures());
        assertEquals(90000.0, first.medianLeadTimeSeconds());
        assertEquals(0, first.reworkDeployments());
        assertEquals(1, first.incidentsResolved());
        assertEquals(1800.0, first.medianTimeToRestoreSeconds());
        var second = m.series().get(1);
        // d3 (no commit, rework), d4 (incident): lead only from d4; incident 14400 s
        assertEquals(LocalDate.parse("2026-01-12"), second.weekStart());
        assertEquals(2, second.deployments());
        assertEquals(1, second.failures());
        assertEquals(21600.0, second.medianLeadTimeSeconds());
        assertEquals(1, second.reworkDeployments());
        assertEquals(1, second.incidentsResolved());
        assertEquals(14400.0, second.medianTimeToRestoreSeconds());
    }

    @Test
    void emptyWindowAnswersNoDataWithoutDividingByZero() {
        Metrics m = DoraCalculator.compute(FROM, TO, List.of(), List.of());

        assertNull(m.deploymentFrequency().value());
        assertEquals(0, m.deploymentFrequency().deployments());
        assertEquals(DoraTier.NO_DATA, m.deploymentFrequency().tier());
        assertNull(m.leadTime().medianSeconds());
        assertNull(m.leadTime().p90Seconds());
        assertEquals(DoraTier.NO_DATA, m.leadTime().tier());
        assertNull(m.changeFailureRate().value());
        assertEquals(DoraTier.NO_DATA, m.changeFailureRate().tier());
        assertNull(m.timeToRestore().medianSeconds());
        assertEquals(0, m.timeToRestore().openIncidents());
        assertEquals(DoraTier.NO_DATA, m.timeToRestore().tier());
        assertNull(m.reworkRate().value());
        assertEquals(DoraTier.NO_DATA, m.reworkRate().tier());
        assertEquals(2, m.series().size());
        assertEquals(0, m.series().get(0).deployments());
        assertNull(m.series().get(0).medianLeadTimeSeconds());
    }

    @Test
    void failuresOutsideTheWindowLeaveItEmpty() {
        Metrics m = DoraCalculator.compute(FROM, TO, List.of(DEPLOYS.get(4), DEPLOYS.get(5)),
                List.of(INCIDENTS.get(3)));

        assertEquals(DoraTier.NO_DATA, m.changeFailureRate().tier());
        assertEquals(0, m.changeFailureRate().failures());
        assertEquals(DoraTier.NO_DATA, m.timeToRestore().tier());
        assertEquals(0, m.timeToRestore().openIncidents());
    }

    @Test
    void deploymentsWithoutCommitTimesCountButHaveNoLeadTime() {
        Metrics m = DoraCalculator.compute(FROM, TO, List.of(DEPLOYS.get(2)), List.of());

        assertEquals(1, m.deploymentFrequency().deployments());
        // 1 / 14 per day: less than weekly, more than monthly: medium
        assertEquals(1 / 14.0, m.deploymentFrequency().value(), 1e-12);
        assertEquals(DoraTier.MEDIUM, m.deploymentFrequency().tier());
        assertEquals(0, m.leadTime().samples());
        assertEquals(DoraTier.NO_DATA, m.leadTime().tier());
        assertEquals(0.0, m.changeFailureRate().value());
        assertEquals(DoraTier.ELITE, m.changeFailureRate().tier());
        assertEquals(1.0, m.reworkRate().value());
    }

    @Test
    void onlyOpenIncidentsHaveNoRestoreTimeButAreCounted() {
        Metrics m = DoraCalculator.compute(FROM, TO, List.of(), List.of(INCIDENTS.get(2)));

        assertEquals(DoraTier.NO_DATA, m.timeToRestore().tier());
        assertEquals(0, m.timeToRestore().samples());
        assertEquals(1, m.timeToRestore().openIncidents());
    }

    @Test
    void seriesCoversPartialWeeksAtBothEnds() {
        // Wednesday 2026-01-07 to Wednesday 2026-01-14 (7 days): weeks of 01-05 and 01-12
        Metrics m = DoraCalculator.compute(t("2026-01-07T00:00:00Z"), t("2026-01-14T00:00:00Z"), DEPLOYS, List.of());

        assertEquals(List.of(LocalDate.parse("2026-01-05"), LocalDate.parse("2026-01-12")),
                m.series().stream().map(DoraCalculator.WeekPoint::weekStart).toList());
        // only d3 and d4 finished in it; 2 per 7 days
        assertEquals(0, m.series().get(0).deployments());
        assertEquals(2, m.series().get(1).deployments());
        assertEquals(2 / 7.0, m.deploymentFrequency().value(), 1e-12);
    }

    @Test
    void medianAndPercentileByHand() {
        assertEquals(3.0, DoraCalculator.median(new long[] { 5, 1, 3 }));
        assertEquals(2.5, DoraCalculator.median(new long[] { 4, 1, 3, 2 }));
        // nearest rank: ceil(0.9 * 10) = 9th of 1..10
        assertEquals(9L, DoraCalculator.nearestRank(new long[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 90));
        assertEquals(7L, DoraCalculator.nearestRank(new long[] { 7 }, 90));
    }

    @Test
    void anEmptyWindowIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> DoraCalculator.compute(TO, TO, List.of(), List.of()));
    }
}
