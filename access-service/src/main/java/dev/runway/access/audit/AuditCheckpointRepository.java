package dev.runway.access.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** SQL of the retention checkpoints (append-only, like the records). */
@ApplicationScoped
public class AuditCheckpointRepository {
    private static final String COLUMNS = "id, last_seq, last_hash, pruned_before, created_at, signature";

    public AuditCheckpoint latest(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY id DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? read(rs) : null;
        }
    }

    public Optional<AuditCheckpoint> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_checkpoint WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    public long nextId(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('audit_checkpoint', 'id'))");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void insert(Connection c, AuditCheckpoint cp) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_checkpoint (" + COLUMNS
                + ") OVERRIDING SYSTEM VALUE VALUES (?,?,?,?,?,?)")) {
            s.setLong(1, cp.id());
            s.setLong(2, cp.lastSeq());
            s.setString(3, cp.lastHash());
            s.setObject(4, OffsetDateTime.ofInstant(cp.prunedBefore(), ZoneOffset.UTC));
            s.setObject(5, OffsetDateTime.ofInstant(cp.createdAt(), ZoneOffset.UTC));
            s.setString(6, cp.signature());
            s.executeUpdate();
        }
    }

    private static AuditCheckpoint read(ResultSet rs) throws SQLException {
        return new AuditCheckpoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getString(6));
    }
}
