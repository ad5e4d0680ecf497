package dev.runway.provisioning.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The plans of steps by name. */
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
}
