package dev.runway.provisioning.domain;

import java.util.List;
import java.util.Optional;

/**
 * The ordered steps of one request kind: provisioning applies them first to last, deprovisioning undoes the undoable
 * ones last to first.
 *
 * @param removed why the request is DELETED once every step is undone (its event's reason)
 */
public record Plan<W>(List<? extends Step<W>> steps, String removed) {

    public Plan {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one step");
        }
    }

    /** The step of this name; a name no step has is a row this version cannot work on. */
    public Step<W> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no step '" + name + "' in " + names()));
    }

    public String first() {
        return steps.get(0).name();
    }

    /** The step after {@code name} when provisioning; empty after the last. */
    public Optional<String> after(String name) {
        int i = index(name);
        return i + 1 < steps.size() ? Optional.of(steps.get(i + 1).name()) : Optional.empty();
    }

    /** The first step to undo when deprovisioning: the last undoable one. */
    public String firstUndo() {
        return undoBefore(steps.size()).orElseThrow(() -> new IllegalStateException("nothing to undo in " + names()));
    }

    /** The step to undo after {@code name}; empty when everything is undone. */
    public Optional<String> undoAfter(String name) {
        return undoBefore(index(name));
    }

    /** Applies every step in order, in one go: for repairs of something already provisioned. */
    public void applyAll(W work) {
        for (Step<W> s : steps) {
            if (s.apply(work) != Step.Outcome.DONE) {
                throw new IllegalStateException("step " + s.name() + " cannot be applied in one go");
            }
        }
    }

    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }

    private Optional<String> undoBefore(int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (steps.get(i).undoable()) {
                return Optional.of(steps.get(i).name());
            }
        }
        return Optional.empty();
    }

    private int index(String name) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no step '" + name + "' in " + names());
    }
}
