package dev.runway.provisioning.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseSpec;

/**
 * How a database is built: the credentials Secret first (so a crash never loses the password), the account with that
 * password, the database owned by it, and the grants that keep everyone else out. Undone in reverse: the database
 * (its grants go with it), the account, the Secret.
 */
public enum DatabaseStep implements Step<DatabaseStep.Work> {
    SECRET(w -> Arrays.fill(w.ensureSecret(false), '\0'), Work::deleteSecret),
    ACCOUNT(null, w -> w.driver().dropAccount(w.spec())) {
        @Override
        public Outcome apply(Work w) {
            Optional<char[]> password = w.password();
            if (password.isEmpty()) {
                // The Secret vanished before the account existed: start over from it.
                return Outcome.RESTART;
            }
            w.driver().ensureAccount(w.spec(), password.get());
            Arrays.fill(password.get(), '\0');
            return Outcome.DONE;
        }
    },
    DATABASE(w -> w.driver().ensureDatabase(w.spec()), w -> w.driver().dropDatabase(w.spec())),
    GRANTS(w -> w.driver().ensureGrants(w.spec()), null);

    public static final Plan<Work> PLAN = new Plan<>(List.of(values()), "database, account and Secret removed");

    private final Consumer<Work> ensure;
    /** Null when the step's effect goes with an earlier step's undo (the grants with the database). */
    private final Consumer<Work> remove;

    DatabaseStep(Consumer<Work> ensure, Consumer<Work> remove) {
        this.ensure = ensure;
        this.remove = remove;
    }

    @Override
    public Outcome apply(Work w) {
        ensure.accept(w);
        return Outcome.DONE;
    }

    @Override
    public boolean undoable() {
        return remove != null;
    }

    @Override
    public Outcome undo(Work w) {
        if (remove != null) {
            remove.accept(w);
        }
        return Outcome.DONE;
    }

    /** One database's server and credentials Secret. */
    public interface Work {
        DatabaseDriver driver();

        DatabaseSpec spec();

        /**
         * Makes sure the Secret holds a password (a new one when {@code fresh}) and returns it; the caller clears it.
         */
        char[] ensureSecret(boolean fresh);

        /** The password the Secret holds, if the Secret exists. */
        Optional<char[]> password();

        void deleteSecret();
    }
}
