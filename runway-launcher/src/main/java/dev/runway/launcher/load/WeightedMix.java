package dev.runway.launcher.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Picks one of several choices with probability proportional to its weight. */
public final class WeightedMix<T> {
    private final List<T> choices = new ArrayList<>();
    private final List<Double> upperBounds = new ArrayList<>();
    private double total;

    public WeightedMix<T> add(double weight, T choice) {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("weights must be positive, not " + weight);
        }
        total += weight;
        choices.add(choice);
        upperBounds.add(total);
        return this;
    }

    /** @param u uniform in [0, 1) */
    public T pick(double u) {
        if (choices.isEmpty()) {
            throw new IllegalStateException("empty mix");
        }
        double x = u * total;
        for (int i = 0; i < choices.size(); i++) {
            if (x < upperBounds.get(i)) {
                return choices.get(i);
            }
        }
        return choices.get(choices.size() - 1);
    }

    public T pick(SplittableRandom random) {
        return pick(random.nextDouble());
    }

    /** Each choice's share of the whole, for the report. */
    public Map<T, Double> shares() {
        Map<T, Double> shares = new java.util.LinkedHashMap<>();
        double previous = 0;
        for (int i = 0; i < choices.size(); i++) {
            shares.merge(choices.get(i), (upperBounds.get(i) - previous) / total, Double::sum);
            previous = upperBounds.get(i);
        }
        return shares;
    }
}
