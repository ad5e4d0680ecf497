package dev.runway.provisioning.driver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the name every database driver quotes into SQL and Redis ACL commands. In
 * {@code verify} it replays the committed inputs (DatabaseNamesFuzzTestInputs); {@code bin/runway fuzz} fuzzes.
 */
class DatabaseNamesFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void physicalNamesAreSafe(FuzzedDataProvider data) {
        String team = data.consumeString(64);
        String name = data.consumeRemainingAsString();
        String physical = DatabaseNames.physical(team, name);
        assertTrue(DatabaseNames.SAFE.matcher(physical).matches(), physical);
        assertTrue(physical.getBytes(StandardCharsets.UTF_8).length <= DatabaseNames.MAX_LENGTH, physical);
        assertEquals(physical, DatabaseNames.physical(team, name), "not deterministic");
        assertDoesNotThrow(() -> new DatabaseSpec(physical, 1));
        String familiar = (team + "_" + name).replace('-', '_');
        if (DatabaseNames.SAFE.matcher(familiar).matches() && familiar.length() <= DatabaseNames.MAX_LENGTH) {
            assertEquals(familiar, physical, "a name that was already safe must not change");
        }
    }
}
