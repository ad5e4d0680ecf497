package dev.runway.common.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Delivers pending outbox rows, oldest first, in batches. Each batch is locked {@code FOR UPDATE SKIP LOCKED} for
 * the length of its delivery, so two replicas never send the same row at once; it is marked delivered in the same
 * transaction only after the receiver accepted it. If the receiver fails, the rows stay pending and are sent
 * again later: delivery is at-least-once, and access-service stores each event id once.
 */
public class OutboxRelay {
    /** Sends one batch; returns normally only when the receiver has stored all of it. */
    @FunctionalInterface
    public interface Sender {
        void send(List<AuditEvent> events) throws Exception;
    }

    /** The receiver did not accept a batch; the rows stay pending. */
    public static class DeliveryFailedException extends Exception {
        public DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final DataSource dataSource;
    private final Sender sender;
    private final ObjectMapper json;
    private final int batchSize;

    public OutboxRelay(DataSource dataSource, Sender sender, ObjectMapper json, int batchSize) {
        this.dataSource = dataSource;
        this.sender = sender;
        this.json = json;
        this.batchSize = batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Delivers at most one batch and returns how many events it delivered (0: nothing was pending or unlocked). */
    public int relayBatch() throws DeliveryFailedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<AuditEvent> batch = lockPending(c);
                if (batch.isEmpty()) {
                    c.commit();
                    return 0;
                }
                try {
                    sender.send(batch);
                } catch (Exception e) {
                    c.rollback();
                    throw new DeliveryFailedException("audit events not delivered: " + e.getMessage(), e);
                }
                markDelivered(c, batch);
                c.commit();
                return batch.size();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DeliveryFailedException("cannot read the audit outbox", e);
        }
    }

    private List<AuditEvent> lockPending(Connection c) throws SQLException {
        List<AuditEvent> batch = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_id, occurred_at, actor, actor_teams, action, "
                + "resource, outcome, reason, source_service, request_id, client_address, details::text "
                + "FROM audit_outbox WHERE delivered_at IS NULL ORDER BY occurred_at, event_id LIMIT ? "
                + "FOR UPDATE SKIP LOCKED")) {
            s.setInt(1, batchSize);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Array teams = rs.getArray(4);
                    batch.add(new AuditEvent(rs.getObject(1, UUID.class),
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                            Arrays.asList((String[]) teams.getArray()), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            details(rs.getString(12))));
                }
            }
        }
        return batch;
    }

    private void markDelivered(Connection c, List<AuditEvent> batch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE audit_outbox SET delivered_at = now() WHERE event_id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("uuid", batch.stream().map(AuditEvent::eventId).toArray()));
            s.executeUpdate();
        }
    }

    private Map<String, Object> details(String text) throws SQLException {
        try {
            return json.readValue(text, DETAILS);
        } catch (JsonProcessingException e) {
            throw new SQLException("audit_outbox.details is not a JSON object", e);
        }
    }
}
