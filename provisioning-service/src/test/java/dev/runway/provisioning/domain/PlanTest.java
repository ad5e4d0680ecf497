package dev.runway.provisioning.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.runway.provisioning.driver.ConnectionInfo;
import dev.runway.provisioning.driver.DatabaseDriver;
import dev.runway.provisioning.driver.DatabaseSpec;

/** The plans of steps by name, and the role repair plan of a READY database. */
class PlanTest {

    @Test
    void anEnvironmentIsUndoneByDeletingItsNamespace() {
        Plan<EnvironmentStep.Work> plan = EnvironmentStep.PLAN;
        assertEquals(List.of("NAMESPACE", "RESOURCE_QUOTA", "LIMIT_RANGE", "NETWORK_POLICY", "ROLE_BINDING"),
                plan.names());
        assertEquals("NAMESPACE", plan.firstUndo());
        assertEquals(Optional.empty(), plan.undoAfter("NAMESPACE"));
        assertEquals(Optional.of("LIMIT_RANGE"), plan.after("RESOURCE_QUOTA"));
        assertEquals(Optional.empty(), plan.after("ROLE_BINDING"));
    }

    @Test
    void aNameNoStepHasIsRefused() {
        assertThrows(IllegalStateException.class, () -> DatabaseStep.PLAN.step("3"));
    }

    @Test
    void roleRepairReappliesOwnershipThenGrants() {
        Recording driver = new Recording();
        DatabaseStep.Work work = new DatabaseStep.Work() {
            @Override
            public DatabaseDriver driver() {
                return driver;
            }

            @Override
            public DatabaseSpec spec() {
                return new DatabaseSpec("team_orders", 20);
            }

            @Override
            public char[] ensureSecret(boolean fresh) {
                throw new AssertionError("a repair never touches the credentials");
            }

            @Override
            public Optional<char[]> password() {
                throw new AssertionError("a repair never touches the credentials");
            }

            @Override
            public void deleteSecret() {
                throw new AssertionError("a repair never removes anything");
            }
        };
        assertEquals(List.of("OWNERSHIP", "GRANTS"), DatabaseRepair.PLAN.names());
        DatabaseRepair.PLAN.applyAll(work);
        assertEquals(List.of("ensureDatabase team_orders", "ensureGrants team_orders"), driver.calls);
        assertThrows(IllegalStateException.class, DatabaseRepair.PLAN::firstUndo, "a repair has nothing to undo");
    }

    /** Records what the plan asks of the server. */
    static final class Recording implements DatabaseDriver {
        final List<String> calls = new ArrayList<>();

        @Override
        public String engine() {
            return "postgresql";
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public void ensureAccount(DatabaseSpec spec, char[] password) {
            calls.add("ensureAccount " + spec.name());
        }

        @Override
        public void ensureDatabase(DatabaseSpec spec) {
            calls.add("ensureDatabase " + spec.name());
        }

        @Override
        public void ensureGrants(DatabaseSpec spec) {
            calls.add("ensureGrants " + spec.name());
        }

        @Override
        public void setPassword(DatabaseSpec spec, char[] password) {
            calls.add("setPassword " + spec.name());
        }

        @Override
        public void dropDatabase(DatabaseSpec spec) {
            calls.add("dropDatabase " + spec.name());
        }

        @Override
        public void dropAccount(DatabaseSpec spec) {
            calls.add("dropAccount " + spec.name());
        }

        @Override
        public ConnectionInfo connectionInfo(DatabaseSpec spec) {
            return new ConnectionInfo("localhost", 1, spec.name(), spec.name());
        }
    }
}
