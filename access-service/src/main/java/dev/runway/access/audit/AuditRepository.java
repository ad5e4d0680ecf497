package dev.runway.access.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.persistence.AdvisoryLock;

/**
 * SQL of the audit log. Plain JDBC rather than Panache: appends are batched under one lock and the hash chain
 * needs the exact stored values back, which an ORM entity would only obscure. Connections come from the
 * transactional datasource, so every statement joins the caller's transaction.
 */
@ApplicationScoped
public class AuditRepository {
    /** The transaction-scoped advisory lock that serializes appends (and so keeps the chain linear). */
    static final String CHAIN_LOCK = "audit:chain";
    private static final long CHAIN_LOCK_KEY = AdvisoryLock.key(CHAIN_LOCK);

    static final String COLUMNS = "seq, event_id, occurred_at, recorded_at, actor, actor_teams, action, resource, "
            + "outcome, reason, source_service, request_id, client_address, details::text, previous_hash, hash";

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The chain head to append after: the newest record, else the newest checkpoint, else genesis. */
    public record ChainHead(long seq, String hash) {
    }

    /**
     * Takes the chain lock (held until the transaction ends) and reads the head to append after, in one round trip:
     * the two statements go out together, and the server takes the second one's snapshot only once the first has
     * the lock, so the head is the one the previous lock holder committed. The group commit's writer does this once
     * per commit, and every round trip it saves shortens the wait of all the decisions in the next batch.
     */
    public ChainHead lockAndReadHead(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_advisory_xact_lock(?); "
                + "SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1")) {
            s.setLong(1, CHAIN_LOCK_KEY);
            s.execute();
            if (!s.getMoreResults()) {
                throw new SQLException("no chain head result after the chain lock");
            }
            try (ResultSet rs = s.getResultSet()) {
                if (rs.next()) {
                    return new ChainHead(rs.getLong(1), rs.getString(2));
                }
            }
        }
        // An empty log: pruned down to its checkpoints, or new.
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_seq, last_hash FROM audit_checkpoint ORDER BY id DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            if (rs.next()) {
                return new ChainHead(rs.getLong(1), rs.getString(2));
            }
        }
        return new ChainHead(0, AuditHashing.GENESIS_HASH);
    }

    public Map<UUID, AuditRecordView> findByEventIds(Connection c, List<UUID> eventIds) throws SQLException {
        Map<UUID, AuditRecordView> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_record WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    AuditRecordView r = read(rs);
                    found.put(r.eventId(), r);
                }
            }
        }
        return found;
    }

    public void insert(Connection c, List<AuditRecordView> records) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_record (seq, event_id, occurred_at, "
                + "recorded_at, actor, actor_teams, action, resource, outcome, reason, source_service, request_id, "
                + "client_address, details, previous_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?)")) {
            for (AuditRecordView r : records) {
                s.setLong(1, r.seq());
                s.setObject(2, r.eventId());
                s.setObject(3, OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC));
                s.setObject(4, OffsetDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
                s.setString(5, r.actor());
                s.setArray(6, c.createArrayOf("text", r.actorTeams().toArray()));
                s.setString(7, r.action());
                s.setString(8, r.resource());
                s.setString(9, r.outcome());
                setNullable(s, 10, r.reason());
                s.setString(11, r.sourceService());
                setNullable(s, 12, r.requestId());
                setNullable(s, 13, r.clientAddress());
                s.setString(14, AuditHashing.canonicalJson(r.details()));
                s.setString(15, r.previousHash());
                s.setString(16, r.hash());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    static AuditRecordView read(ResultSet rs) throws SQLException {
        Array teams = rs.getArray(6);
        return new AuditRecordView(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), Arrays.asList((String[]) teams.getArray()),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), AuditHashing.parseDetails(rs.getString(14)), rs.getString(15),
                rs.getString(16));
    }

    private static void setNullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
