package dev.runway.common.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.runway.common.security.Caller;
import io.quarkus.arc.properties.IfBuildProperty;

/**
 * A service's audit trail: what a {@link Caller} did, as {@link AuditEvent}s in the transactional
 * {@link AuditOutbox} underneath, inside the transaction of the change, so an event exists exactly when the change
 * was committed; the shared relay delivers it to access-service. The source of each event is the service's client
 * id ({@code runway.outbox.client-id}), the one the relay sends it with. access-service is the log itself and
 * appends to it directly.
 *
 * <p>A denial is recorded in a transaction of its own (the change's is rolled back by the 403), for example with
 * {@code QuarkusTransaction.requiringNew()}.
 */
@ApplicationScoped
@IfBuildProperty(name = "runway.outbox.enabled", stringValue = "true")
public class AuditTrail {
    private final AuditOutbox outbox;
    private final String source;

    public AuditTrail(AuditOutbox outbox, @ConfigProperty(name = "runway.outbox.client-id") String source) {
        this.outbox = outbox;
        this.source = source;
    }

    /** One audited action on one resource; {@code outcome} is one of {@link AuditEvent#OUTCOMES}. */
    public record Entry(String action, String resource, String outcome, String reason, Map<String, Object> details) {

        public static Entry success(String action, String resource, Map<String, Object> details) {
            return new Entry(action, resource, AuditEvent.SUCCESS, null, details);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Caller caller, Entry entry) {
        recordAll(caller, List.of(entry));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void success(Caller caller, String action, String resource, Map<String, Object> details) {
        record(caller, Entry.success(action, resource, details));
    }

    /** The entries of one change, written together (an import writes hundreds). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(Caller caller, List<Entry> entries) {
        Instant now = Instant.now();
        List<String> teams = caller.teams().stream().sorted().toList();
        outbox.recordAll(entries.stream().map(e -> new AuditEvent(UUID.randomUUID(), now, caller.username(), teams,
                e.action(), e.resource(), e.outcome(), e.reason(), source, caller.requestId(), caller.clientAddress(),
                e.details())).toList());
    }
}
