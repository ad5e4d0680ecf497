package dev.runway.provisioning.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.security.Caller;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestEvent;
import dev.runway.provisioning.domain.RequestState;
import dev.runway.provisioning.repository.RequestEventRepository;

/**
 * Records what the request's transitions return: the timestamped event and its audit record, in the transaction of
 * the change. The transitions themselves (and their rules) are the request's.
 */
@ApplicationScoped
public class Lifecycle {
    private final RequestEventRepository events;
    private final AuditTrail audit;

    public Lifecycle(RequestEventRepository events, AuditTrail audit) {
        this.events = events;
        this.audit = audit;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(ProvisioningRequest r, Caller actor) {
        events.persist(r.created());
        audit.success(actor, action(r, "request"), resource(r), details(r, null, r.state()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ProvisioningRequest r, Caller actor, RequestEvent e) {
        events.persist(e);
        audit.record(actor, new AuditTrail.Entry(action(r, e.toState.name().toLowerCase(Locale.ROOT)), resource(r),
                e.toState == RequestState.FAILED ? AuditEvent.FAILURE : AuditEvent.SUCCESS, e.reason,
                details(r, e.fromState, e.toState)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ProvisioningRequest r, Caller actor, Optional<RequestEvent> e) {
        e.ifPresent(x -> record(r, actor, x));
    }

    /** Audits something done to a request that does not change its state (credentials read, rotation). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(ProvisioningRequest r, Caller actor, String what, String reason) {
        audit.record(actor, new AuditTrail.Entry(action(r, what), resource(r), AuditEvent.SUCCESS, reason,
                details(r, null, r.state())));
    }

    public static String resource(ProvisioningRequest r) {
        return r.kind().name().toLowerCase(Locale.ROOT) + "/" + r.id();
    }

    private static String action(ProvisioningRequest r, String what) {
        return "provisioning." + r.kind().name().toLowerCase(Locale.ROOT) + "." + what;
    }

    private static Map<String, Object> details(ProvisioningRequest r, RequestState from, RequestState to) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", r.name());
        d.put("team", r.team());
        d.put("template", r.templateId() + "@" + r.templateVersion());
        d.put("namespace", r.namespace());
        if (from != null) {
            d.put("from", from.name());
        }
        d.put("to", to.name());
        return d;
    }
}
