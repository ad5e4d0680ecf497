package dev.runway.catalog.insights.dora;

/**
 * The published DORA performance tiers, as cut-offs.
 *
 * <p>Deployment frequency, lead time for changes and time to restore follow the cluster descriptions that the
 * Accelerate State of DevOps reports 2023 and 2024 share: deployment frequency elite "on demand (multiple deploys
 * per day)", high "between once per day and once per week", medium "between once per week and once per month",
 * low "fewer than once per month"; lead time elite "less than one day", high "between one day and one week", medium
 * "between one week and one month", low beyond; time to restore elite "less than one hour", high "less than one
 * day", medium "between one day and one week", low beyond. A window's average rate stands for "how often": more
 * than one a day is elite, at least one a week high, at least one every 30 days medium.
 *
 * <p>Change failure rate: the Accelerate State of DevOps Report 2023 clusters sit at 5 % (elite), 10 % (high),
 * 15 % (medium) and 64 % (low); each cluster value is taken as its tier's upper bound. The 2024 report's clusters
 * (5 %, 20 %, 10 %, 40 %) are not monotonic in tier order, so they cannot serve as cut-offs.
 *
 * <p>Rework rate: the 2024 report introduced it (share of deployments that were unplanned, to fix a user-facing
 * problem) without tiers, so it is always {@link DoraTier#UNRATED}.
 */
public final class DoraThresholds {
    static final long HOUR = 3_600;
    static final long DAY = 24 * HOUR;
    static final long WEEK = 7 * DAY;
    static final long MONTH = 30 * DAY;

    private DoraThresholds() {
    }

    /** @param perDay average deployments per day over the window */
    public static DoraTier deploymentFrequency(double perDay) {
        if (perDay > 1.0) {
            return DoraTier.ELITE;
        }
        if (perDay >= 1.0 / 7) {
            return DoraTier.HIGH;
        }
        if (perDay >= 1.0 / 30) {
            return DoraTier.MEDIUM;
        }
        return DoraTier.LOW;
    }

    public static DoraTier leadTime(double medianSeconds) {
        if (medianSeconds < DAY) {
            return DoraTier.ELITE;
        }
        if (medianSeconds < WEEK) {
            return DoraTier.HIGH;
        }
        if (medianSeconds < MONTH) {
            return DoraTier.MEDIUM;
        }
        return DoraTier.LOW;
    }

    public static DoraTier changeFailureRate(double rate) {
        if (rate <= 0.05) {
            return DoraTier.ELITE;
        }
        if (rate <= 0.10) {
            return DoraTier.HIGH;
        }
        if (rate <= 0.15) {
            return DoraTier.MEDIUM;
        }
        return DoraTier.LOW;
    }

    public static DoraTier timeToRestore(double medianSeconds) {
        if (medianSeconds < HOUR) {
            return DoraTier.ELITE;
        }
        if (medianSeconds < DAY) {
            return DoraTier.HIGH;
        }
        if (medianSeconds < WEEK) {
            return DoraTier.MEDIUM;
        }
        return DoraTier.LOW;
    }
}
