package dev.runway.common.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;

/**
 * A PostgreSQL advisory lock held until the end of the current transaction ({@code pg_advisory_xact_lock}), on a
 * named logical resource ({@code "team:payments"}, {@code "audit:chain"}): serialises the writers of that resource
 * across transactions and replicas, where a row lock cannot (the row may not exist yet).
 *
 * <p>One hash for every caller: the first 64 bits of the SHA-256 of the name, computed here rather than in SQL,
 * so the key of a name does not depend on PostgreSQL's internal text hash. Distinct names may in principle collide
 * (they then merely wait for each other); the same name is always the same key. Locks are per database, so names
 * need only be distinct within one service.
 */
public final class AdvisoryLock {
    private static final String SQL = "SELECT count(*) FROM pg_advisory_xact_lock(?)";

    private AdvisoryLock() {
    }

    /** The lock key of {@code name}. */
    public static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = (key << 8) | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Waits for the lock on {@code name} and holds it until the transaction of {@code em} ends. */
    public static void acquire(EntityManager em, String name) {
        em.createNativeQuery(SQL).setParameter(1, key(name)).getSingleResult();
    }

    /**
     * Takes the lock on {@code name} if it is free and holds it until the transaction of {@code em} ends; false,
     * without waiting, when another transaction holds it (work that one replica at a time should do, and that the
     * others may simply skip).
     */
    public static boolean tryAcquire(EntityManager em, String name) {
        return (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?)").setParameter(1, key(name))
                .getSingleResult();
    }

    /** Waits for the lock on {@code name} and holds it until the transaction of {@code connection} ends. */
    public static void acquire(Connection connection, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(SQL)) {
            s.setLong(1, key(name));
            s.execute();
        }
    }
}
