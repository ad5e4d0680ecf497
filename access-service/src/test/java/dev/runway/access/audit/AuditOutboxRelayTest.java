package dev.runway.access.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.audit.AuditOutbox;
import dev.runway.common.audit.HttpAuditSender;
import dev.runway.common.audit.OutboxRelay;
import dev.runway.common.testing.RunwayTestResource;
import dev.runway.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * runway-common's outbox and relay against the real ingestion endpoint of this access-service: the outbox lives in
 * a database of its own, as it would in catalog-service, and the relay first meets an access-service that is down.
 */
@QuarkusTest
@QuarkusTestResource(value = RunwayTestResource.class, initArgs = @ResourceArg(name = "database", value = "runway_access"))
class AuditOutboxRelayTest {
    private static final String OUTBOX_DB = "runway_outbox_relay";

    @TestHTTPResource("/")
    URL accessService;
    @Inject
    ObjectMapper json;
    @Inject
    AuditQueryService queries;

    private PGSimpleDataSource outboxDb;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void freshOutbox() throws SQLException {
        try (Connection c = DriverManager.getConnection(RunwayTestResource.jdbcUrl("runway_access"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + OUTBOX_DB);
            s.execute("CREATE DATABASE " + OUTBOX_DB);
        }
        outboxDb = new PGSimpleDataSource();
        outboxDb.setURL(RunwayTestResource.jdbcUrl(OUTBOX_DB));
        outboxDb.setUser("postgres");
        try (Connection c = outboxDb.getConnection(); Statement s = c.createStatement()) {
            s.execute(AuditOutbox.DDL);
        }
    }

    private AuditEvent event(String actor, int n) {
        return new AuditEvent(UUID.randomUUID(), Instant.parse("2026-04-01T00:00:00Z").plusSeconds(n), actor,
                List.of("payments"), "entity.update", "component:default/relay-" + n, "success", null,
                "catalog-service", "req-" + n, null, Map.of("n", n));
    }

    private OutboxRelay relayTo(URI url, int batchSize) {
        return new OutboxRelay(outboxDb, new HttpAuditSender(http, url, () -> TestTokens.service("catalog-service"),
                json, Duration.ofSeconds(10)), json, batchSize);
    }

    private static URI unreachable() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://localhost:" + socket.getLocalPort() + "/");
        }
    }

    private long pending() throws SQLException {
        try (Connection c = outboxDb.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_outbox WHERE delivered_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<AuditRecordView> storedFor(String actor) {
        List<AuditRecordView> stored = new ArrayList<>();
        queries.export(new AuditQuery(actor, null, null, null, null, null, null, null, null), stored::add);
        return stored;
    }

    @Test
    void everyEventRecordedWhileAccessServiceWasDownArrivesExactlyOnce() throws Exception {
        String actor = "relay-" + UUID.randomUUID();
        AuditOutbox outbox = new AuditOutbox(outboxDb, json);
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(actor, i));
            outbox.record(events.get(i));
        }

        assertThrows(OutboxRelay.DeliveryFailedException.class, () -> relayTo(unreachable(), 2).relayBatch());
        assertEquals(5, pending());

        OutboxRelay relay = relayTo(URI.create(accessService.toString()), 2);
        assertEquals(2, relay.relayBatch());
        assertEquals(2, relay.relayBatch());
        assertEquals(1, relay.relayBatch());
        assertEquals(0, relay.relayBatch());
        assertEquals(0, pending());

        // The relay crashed after access-service stored two events but before it marked them: they go again.
        try (Connection c = outboxDb.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_outbox SET delivered_at = NULL WHERE event_id IN ('"
                    + events.get(0).eventId() + "', '" + events.get(3).eventId() + "')");
        }
        assertEquals(2, relay.relayBatch());

        List<AuditRecordView> stored = storedFor(actor);
        assertEquals(events.stream().map(AuditEvent::eventId).sorted().toList(),
                stored.stream().map(AuditRecordView::eventId).sorted().toList());
        assertEquals("{\"n\":4}", AuditHashing.canonicalJson(stored.get(0).details()));
    }

    @Test
    void twoRelaysNeverSendTheSameRows() throws Exception {
        String actor = "replicas-" + UUID.randomUUID();
        AuditOutbox outbox = new AuditOutbox(outboxDb, json);
        // The events of one change are written together, as one statement batch.
        outbox.recordAll(List.of(event(actor, 0), event(actor, 1), event(actor, 2)));
        assertEquals(3, pending());
        OutboxRelay other = relayTo(URI.create(accessService.toString()), 10);
        int[] seenByOther = new int[1];
        OutboxRelay first = new OutboxRelay(outboxDb, batch -> seenByOther[0] = other.relayBatch(), json, 10);
        assertEquals(3, first.relayBatch());
        assertEquals(0, seenByOther[0]);
        assertEquals(0, pending());
    }
}
