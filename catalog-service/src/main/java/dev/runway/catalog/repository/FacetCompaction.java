package dev.runway.catalog.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.scheduler.Scheduled;

import dev.runway.common.persistence.AdvisoryLock;
import dev.runway.common.scheduling.ScheduledRuns;

/**
 * Folds the facet deltas that catalog writes append (V5__facet_counts.sql) into the maintained counts, so that a
 * facet read sums a few hundred count rows and only the deltas of the last few seconds. Moving the deltas and
 * updating the counts happen in one transaction, so a concurrent reader sees either both or neither. Only one
 * replica compacts per period ({@link ScheduledRuns}); the advisory lock still keeps a compaction that outlasts its
 * period from overlapping the next one's, and a direct call from overlapping the scheduled one.
 */
@ApplicationScoped
public class FacetCompaction {
    static final String JOB = "catalog.facet-compaction";

    private final EntityManager em;
    private final ScheduledRuns runs;
    private final Duration interval;

    public FacetCompaction(EntityManager em, ScheduledRuns runs,
            @ConfigProperty(name = "runway.catalog.facet-compaction-interval", defaultValue = "2s") Duration interval) {
        this.em = em;
        this.runs = runs;
        this.interval = interval;
    }

    @Scheduled(every = "${runway.catalog.facet-compaction-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (runs.claim(JOB, interval)) {
            compact();
        }
    }

    /** Returns the number of delta rows folded in, or -1 when another instance holds the lock. */
    @Transactional
    public int compact() {
        if (!AdvisoryLock.tryAcquire(em, "catalog:facet-compaction")) {
            return -1;
        }
        // A data-modifying WITH runs whether or not the final SELECT reads it.
        Number moved = (Number) em.createNativeQuery("""
                WITH moved AS (DELETE FROM entity_facet_delta RETURNING field, kind, value, delta),
                upserted AS (
                    INSERT INTO entity_facet_count AS c (field, kind, value, count)
                    SELECT field, kind, value, sum(delta) FROM moved GROUP BY field, kind, value
                    ON CONFLICT (field, kind, value) DO UPDATE SET count = c.count + excluded.count)
                SELECT count(*) FROM moved
                """).getSingleResult();
        em.createNativeQuery("DELETE FROM entity_facet_count WHERE count <= 0").executeUpdate();
        return moved.intValue();
    }
}
