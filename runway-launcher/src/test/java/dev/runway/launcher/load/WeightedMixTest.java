package dev.runway.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedMixTest {

    @Test
    void picksByCumulativeWeight() {
        WeightedMix<String> mix = new WeightedMix<String>().add(70, "browse").add(20, "register").add(10, "audit");

        assertEquals("browse", mix.pick(0.0));
        assertEquals("browse", mix.pick(0.6999));
        assertEquals("register", mix.pick(0.70));
        assertEquals("register", mix.pick(0.8999));
        assertEquals("audit", mix.pick(0.90));
        assertEquals("audit", mix.pick(0.999999));
    }

    @Test
    void mondayMixFollowsItsWeightsOverManyPicks() {
        WeightedMix<Monday.Step> mix = Monday.mix();
        Map<Monday.Step, Integer> counts = new EnumMap<>(Monday.Step.class);
        SplittableRandom random = new SplittableRandom(7);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }
        mix.shares().forEach((step, share) ->
                assertEquals(share, counts.getOrDefault(step, 0) / (double) n, 0.01, step.name()));
        assertEquals(0.70, mix.shares().get(Monday.Step.BROWSE), 1e-9);
    }

    @Test
    void rejectsNonPositiveWeightsAndAnEmptyMix() {
        assertThrows(IllegalArgumentException.class, () -> new WeightedMix<String>().add(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> new WeightedMix<String>().add(Double.NaN, "x"));
        assertThrows(IllegalStateException.class, () -> new WeightedMix<String>().pick(0.5));
    }
}
