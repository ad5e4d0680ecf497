package dev.runway.access.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.runway.common.error.NotPermittedException;

/** Events other Runway services report (through their outbox relays), stored once per event id. */
@ApplicationScoped
public class AuditIngestService {
    private final AuditService audit;

    public AuditIngestService(AuditService audit) {
        this.audit = audit;
    }

    /**
     * Appends a batch in one transaction. A service reports only its own events: {@code sourceService} of each
     * must be the calling client, so one compromised service cannot write history in another's name.
     */
    @Transactional
    public List<AuditAppendResult> ingest(String callingClient, List<AuditEntry> entries) {
        for (AuditEntry e : entries) {
            if (!callingClient.equals(e.sourceService())) {
                throw new NotPermittedException("client " + callingClient + " may only report events with sourceService "
                        + callingClient);
            }
        }
        return audit.appendAll(entries);
    }
}
