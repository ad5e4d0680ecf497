package dev.runway.provisioning.reconciler;

import java.time.Instant;

import dev.runway.provisioning.domain.Plan;
import dev.runway.provisioning.domain.ProvisioningRequest;
import dev.runway.provisioning.domain.RequestKind;

/**
 * What the reconciler needs to know about one request kind; the rest (claiming, running the plan's next step,
 * failures and backoff, the catalog) is the same for every kind. A new kind is a new plan of steps in the domain and
 * one implementation of this.
 *
 * @param <W> what the kind's steps work on
 */
public interface KindReconciliation<W> {

    RequestKind kind();

    Plan<W> plan();

    /** What the steps of this request work on. May fail with an {@code ExternalFailure} (a template gone). */
    W work(ProvisioningRequest r);

    /** Whether an APPROVED request may start provisioning now. */
    default Gate gate(ProvisioningRequest r) {
        return Gate.OPEN;
    }

    /** When a request that just became READY is due next (its first resync), or null. */
    Instant afterReady(ProvisioningRequest r, Instant now);

    /** The periodic work on a READY request (drift repair, rotation); returns when it is due next, or null. */
    Instant resync(ProvisioningRequest r, W work, Instant now);

    /**
     * @param open          start now
     * @param closedForGood why it never will (the request fails, not retryable); null with {@code open} false: wait
     */
    record Gate(boolean open, String closedForGood) {
        static final Gate OPEN = new Gate(true, null);
        static final Gate WAIT = new Gate(false, null);

        static Gate closed(String why) {
            return new Gate(false, why);
        }
    }
}
