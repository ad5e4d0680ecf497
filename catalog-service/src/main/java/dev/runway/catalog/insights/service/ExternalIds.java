package dev.runway.catalog.insights.service;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.runway.common.error.ConflictException;
import dev.runway.common.persistence.AdvisoryLock;

/**
 * Events named by their reporter's {@code externalId} (deployments, incidents) are recorded once: the first report
 * is stored, a repeat with the same content answers the stored one, a different report under the same id is a
 * conflict. Writers of one id are serialised by a transaction-scoped advisory lock, so check-then-insert cannot race.
 */
@ApplicationScoped
public class ExternalIds {
    /** What a reporter may use as an externalId: safe in a URL path segment, at most 200 characters. */
    public static final String FORMAT = "[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}";

    private final EntityManager em;

    public ExternalIds(EntityManager em) {
        this.em = em;
    }

    /**
     * @param kind what the id names, lower-case ({@code deployment}); it also names the lock
     * @param create stores the new event; called only when none is stored under the id
     */
    public <T> Recorded<T> recordOnce(String kind, String externalId, Function<String, Optional<T>> find,
            Predicate<T> sameContent, Supplier<T> create) {
        lock(kind, externalId);
        Optional<T> existing = find.apply(externalId);
        if (existing.isEmpty()) {
            return new Recorded<>(create.get(), true);
        }
        if (!sameContent.test(existing.get())) {
            throw new ConflictException(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " " + externalId
                    + " was already recorded with other content; an externalId names one " + kind + ".");
        }
        return new Recorded<>(existing.get(), false);
    }

    /** Holds the id's lock until commit, for any other change of the event it names. */
    public void lock(String kind, String externalId) {
        AdvisoryLock.acquire(em, kind + ":" + externalId);
    }
}
