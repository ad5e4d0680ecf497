package dev.runway.provisioning.domain;

import java.util.List;

/**
 * Role repair of a READY database: when the resync finds its ownership or grants drifted (someone granted CONNECT to
 * PUBLIC, handed the database to another owner), it re-applies them, step by named step, with the very steps
 * provisioning used (each idempotent). A repair changes nothing that could be undone, so no step has an undo.
 */
public enum DatabaseRepair implements Step<DatabaseStep.Work> {
    OWNERSHIP(DatabaseStep.DATABASE),
    GRANTS(DatabaseStep.GRANTS);

    public static final Plan<DatabaseStep.Work> PLAN = new Plan<>(List.of(values()), null);

    private final DatabaseStep provisioned;

    DatabaseRepair(DatabaseStep provisioned) {
        this.provisioned = provisioned;
    }

    @Override
    public Outcome apply(DatabaseStep.Work w) {
        return provisioned.apply(w);
    }

    @Override
    public boolean undoable() {
        return false;
    }

    @Override
    public Outcome undo(DatabaseStep.Work w) {
        return Outcome.DONE;
    }
}
