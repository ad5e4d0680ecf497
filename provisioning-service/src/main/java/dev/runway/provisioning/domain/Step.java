package dev.runway.provisioning.domain;

/**
 * One named, idempotent step of a {@link Plan}: {@code apply} brings one piece of the world to the desired shape,
 * {@code undo} removes it. Both may run again after a crash at any point; the request records the name of the next
 * step, so a resumed reconciler continues where the last committed step left off.
 *
 * @param <W> what the step works on (the gateways and specs of one request kind)
 */
public interface Step<W> {

    /** The step's name, as the request stores it. */
    String name();

    Outcome apply(W work);

    Outcome undo(W work);

    /** False when the step's effect goes with an earlier step's undo (a namespace's objects go with the namespace). */
    default boolean undoable() {
        return true;
    }

    enum Outcome {
        /** Done: the plan moves on to its next step. */
        DONE,
        /** Waiting on something else (another request, a deletion in progress): try again later, not a failure. */
        WAIT,
        /** What the step needs from an earlier one is gone: start the plan over (every step is idempotent). */
        RESTART
    }
}
