package dev.runway.common.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The transactional outbox: {@link #record(AuditEvent)} inserts the event into the service's own
 * {@code audit_outbox} table through the service's transactional datasource, so called inside the transaction of
 * the change it describes, the event is committed exactly when the change is. {@link OutboxRelay} delivers it.
 *
 * <p>Opt-in (services without a datasource, like portal-ui, never see this bean): build property
 * {@code runway.outbox.enabled=true}, plus the table {@link #DDL} in one of the service's Flyway migrations.
 */
@ApplicationScoped
@IfBuildProperty(name = "runway.outbox.enabled", stringValue = "true")
public class AuditOutbox {
    /** The table every service copies into a Flyway migration of its own (PostgreSQL). */
    public static final String DDL = """
            CREATE TABLE audit_outbox (
                event_id       uuid PRIMARY KEY,
                occurred_at    timestamptz NOT NULL,
                actor          text        NOT NULL,
                actor_teams    text[]      NOT NULL,
                action         text        NOT NULL,
                resource       text        NOT NULL,
                outcome        text        NOT NULL,
                reason         text,
                source_service text        NOT NULL,
                request_id     text,
                client_address text,
                details        jsonb       NOT NULL,
                delivered_at   timestamptz
            );
            CREATE INDEX audit_outbox_undelivered ON audit_outbox (occurred_at) WHERE delivered_at IS NULL;
            """;

    private final DataSource dataSource;
    private final ObjectMapper json;

    public AuditOutbox(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Call inside the transaction of the change; outside one, the event is committed on its own. */
    public void record(AuditEvent e) {
        recordAll(List.of(e));
    }

    /**
     * Records the events of one change together: one statement batch on one connection, which the driver may send
     * as multi-row INSERTs, instead of a round trip per event (an import of 500 entities writes 500 events).
     */
    public void recordAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO audit_outbox "
                + "(event_id, occurred_at, actor, actor_teams, action, resource, outcome, reason, source_service, "
                + "request_id, client_address, details) VALUES (?,?,?,?,?,?,?,?,?,?,?,?::jsonb)")) {
            for (AuditEvent e : events) {
                s.setObject(1, e.eventId());
                s.setObject(2, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
                s.setString(3, e.actor());
                s.setArray(4, c.createArrayOf("text",
                        (e.actorTeams() == null ? List.of() : e.actorTeams()).toArray()));
                s.setString(5, e.action());
                s.setString(6, e.resource());
                s.setString(7, e.outcome());
                nullable(s, 8, e.reason());
                s.setString(9, e.sourceService());
                nullable(s, 10, e.requestId());
                nullable(s, 11, e.clientAddress());
                s.setString(12, json.writeValueAsString(e.details() == null ? Map.of() : e.details()));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException | JsonProcessingException ex) {
            throw new IllegalStateException("cannot write the audit event to the outbox", ex);
        }
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }
}
