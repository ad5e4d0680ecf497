package dev.runway.provisioning.domain;

import java.util.List;

/**
 * Role repair of a READY database: when the resync finds its ownership or grants drifted (someone granted CONNECT to
 * PUBLIC, handed the database to another owner), it re-applies them, step by named step, with the same idempotent
 * driver operations provisioning used. A repair changes nothing that could be undone, so no step has an undo.
 */
public enum DatabaseRepair implements Step<DatabaseStep.Work> {
    OWNERSHIP {
        @Override
        public Outcome apply(DatabaseStep.Work w) {
            w.driver().ensureDatabase(w.spec());
            return Outcome.DONE;
        }
    },
    GRANTS {
        @Override
        public Outcome apply(DatabaseStep.Work w) {
            w.driver().ensureGrants(w.spec());
            return Outcome.DONE;
        }
    };

    public static final Plan<DatabaseStep.Work> PLAN = new Plan<>(List.of(values()), null);

    @Override
    public boolean undoable() {
        return false;
    }

    @Override
    public Outcome undo(DatabaseStep.Work w) {
        return Outcome.DONE;
    }
}
