package dev.runway.catalog.policy;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.common.audit.AuditEvent;
import dev.runway.common.audit.AuditTrail;
import dev.runway.common.error.NotPermittedException;
import dev.runway.common.policy.Decision;
import dev.runway.common.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Enforces a catalog write decision: asks the {@link CatalogPolicy}; a denial is audited and answered 403. The one
 * place for that sequence, for entity writes and for the delivery events recorded about an entity alike.
 */
@ApplicationScoped
public class WriteGuard {
    private final CatalogPolicy policy;
    private final AuditTrail audit;

    public WriteGuard(CatalogPolicy policy, AuditTrail audit) {
        this.policy = policy;
        this.audit = audit;
    }

    /**
     * Throws 403 unless allowed. The denial is audited in its own transaction: the write's is rolled back by the 403.
     *
     * @param action the audited action, e.g. {@code catalog.entity.update}
     */
    public void require(Caller caller, String action, CatalogPolicy.WriteCheck check) {
        Decision decision = policy.mayWrite(caller, check);
        if (!decision.allowed()) {
            QuarkusTransaction.requiringNew().run(() -> audit.record(caller, new AuditTrail.Entry(action,
                    check.ref(), AuditEvent.DENY, decision.reason(), Map.of())));
            throw new NotPermittedException("Not permitted: " + decision.reason() + ".");
        }
    }
}
