package dev.runway.catalog.insights.dora;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The tier boundaries, on and just beside each cut-off. */
class DoraThresholdsTest {

    @Test
    void deploymentFrequency() {
        assertEquals(DoraTier.ELITE, DoraThresholds.deploymentFrequency(1.01));
        assertEquals(DoraTier.HIGH, DoraThresholds.deploymentFrequency(1.0)); // daily
        assertEquals(DoraTier.HIGH, DoraThresholds.deploymentFrequency(1.0 / 7)); // weekly
        assertEquals(DoraTier.MEDIUM, DoraThresholds.deploymentFrequency(1.0 / 8));
        assertEquals(DoraTier.MEDIUM, DoraThresholds.deploymentFrequency(1.0 / 30)); // monthly
        assertEquals(DoraTier.LOW, DoraThresholds.deploymentFrequency(1.0 / 31));
    }

    @Test
    void leadTime() {
        assertEquals(DoraTier.ELITE, DoraThresholds.leadTime(86_399));
        assertEquals(DoraTier.HIGH, DoraThresholds.leadTime(86_400));
        assertEquals(DoraTier.HIGH, DoraThresholds.leadTime(604_799));
        assertEquals(DoraTier.MEDIUM, DoraThresholds.leadTime(604_800));
        assertEquals(DoraTier.MEDIUM, DoraThresholds.leadTime(2_591_999));
        assertEquals(DoraTier.LOW, DoraThresholds.leadTime(2_592_000));
    }

    @Test
    void changeFailureRate() {
        assertEquals(DoraTier.ELITE, DoraThresholds.changeFailureRate(0.0));
        assertEquals(DoraTier.ELITE, DoraThresholds.changeFailureRate(0.05));
        assertEquals(DoraTier.HIGH, DoraThresholds.changeFailureRate(0.0501));
        assertEquals(DoraTier.HIGH, DoraThresholds.changeFailureRate(0.10));
        assertEquals(DoraTier.MEDIUM, DoraThresholds.changeFailureRate(0.15));
        assertEquals(DoraTier.LOW, DoraThresholds.changeFailureRate(0.1501));
    }

    @Test
    void timeToRestore() {
        assertEquals(DoraTier.ELITE, DoraThresholds.timeToRestore(3_599));
        assertEquals(DoraTier.HIGH, DoraThresholds.timeToRestore(3_600));
        assertEquals(DoraTier.MEDIUM, DoraThresholds.timeToRestore(86_400));
        assertEquals(DoraTier.LOW, DoraThresholds.timeToRestore(604_800));
    }
}
