package dev.runway.catalog.insights.rest.dto;

/** The words the insights bodies share, so that every body says the same thing about the same mistake. */
final class Bodies {
    static final String REQUIRED = "is required";
    static final String STRING = "must be a non-empty string";
    static final String INSTANT = "must be an ISO-8601 instant with offset, e.g. 2026-11-21T10:15:30Z";
    static final String INSTANT_ELEMENT = "must be an ISO-8601 instant";
    static final String EXTERNAL_ID =
            "must start with a letter or digit and contain only letters, digits and . _ : @ + -";

    private Bodies() {
    }

    /** Text as the services keep it: surrounding blanks are the reporter's formatting, not data. */
    static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
