package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.runway.ui.client.InsightsApi;

/** DORA figures in words: the units a person reads, the tiers as text, and the empty case. */
class DeliveryTest {

    @Test
    void frequencyIsPerDayPerWeekOrPerMonthWhicheverReadsAsAtLeastOne() {
        assertEquals("2 per day", Delivery.frequency(2.0));
        assertEquals("1.6 per week", Delivery.frequency(7 / 30.0));
        assertEquals("1.5 per month", Delivery.frequency(0.05));
    }

    @Test
    void durationsUseTheLargestReadableUnit() {
        assertEquals("45 s", Delivery.duration(45.0));
        assertEquals("12 min", Delivery.duration(720.0));
        assertEquals("1.5 hours", Delivery.duration(5_400.0));
        assertEquals("47 hours", Delivery.duration(47 * 3_600.0));
        assertEquals("3 days", Delivery.duration(3 * 86_400.0));
        assertNull(Delivery.duration(null));
        assertEquals("28.6 %", Delivery.percent(2 / 7.0));
    }

    @Test
    void tiersAreNamedAndOnlyKnownTiersBecomeBadgeClasses() {
        assertEquals("Elite", Delivery.tierLabel("elite"));
        assertEquals("No data", Delivery.tierLabel("no_data"));
        assertEquals("Not rated by DORA", Delivery.tierLabel("unrated"));
        assertEquals("low", Delivery.tierClass("low"));
        assertEquals("unknown", Delivery.tierClass("low\" onclick=\"x"));
    }

    @Test
    void aWindowWithoutDeploymentsIsEmptyAndEveryCardHasNoData() {
        InsightsApi.Dora dora = new InsightsApi.Dora(new InsightsApi.Scope("team", "group:default/new", 0), "7d",
                "production", Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-08T00:00:00Z"),
                new InsightsApi.DeploymentFrequency(null, 0, "no_data"),
                new InsightsApi.LeadTime(null, null, 0, "no_data"),
                new InsightsApi.ChangeFailureRate(null, 0, 0, "no_data"),
                new InsightsApi.TimeToRestore(null, 0, 0, "no_data"),
                new InsightsApi.ReworkRate(null, 0, 0, "no_data"),
                List.of(new InsightsApi.WeekPoint(LocalDate.parse("2026-02-23"), 0, 0, null, 0, 0, null)));
        Delivery d = Delivery.of(dora, "x");
        assertTrue(d.empty());
        assertEquals(5, d.metrics().size());
        assertTrue(d.metrics().stream().noneMatch(Delivery.Metric::hasData));
        assertEquals(List.of("deployment-frequency", "lead-time", "change-failure-rate", "time-to-restore",
                "rework-rate"), d.metrics().stream().map(Delivery.Metric::key).toList());
        assertFalse(d.deploymentsChart().contains("<rect"));
        assertEquals("2026-02-23", d.weeks().get(0).week());
    }
}
