package dev.runway.ui.web;

import java.util.List;

/**
 * A section of a summary page cut to its first rows: the rows shown, how many more there are, and the page that
 * lists them all, so a team with hundreds of resources still gets a home page one screen long.
 */
public record Bounded<T>(Loaded<T> loaded, int more, String moreHref) {

    /** The first {@code max} rows of {@code all}; its error, if any, is kept. */
    static <T> Bounded<T> of(Loaded<T> all, int max, String moreHref) {
        List<T> items = all.items();
        if (items.size() <= max) {
            return new Bounded<>(all, 0, moreHref);
        }
        return new Bounded<>(new Loaded<>(items.subList(0, max), all.error()), items.size() - max, moreHref);
    }

    public List<T> items() {
        return loaded.items();
    }

    public String error() {
        return loaded.error();
    }

    public boolean failed() {
        return loaded.failed();
    }

    public boolean isEmpty() {
        return loaded.isEmpty();
    }
}
