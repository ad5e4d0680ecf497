package dev.runway.common.paging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The opaque cursor of a keyset-paginated list: the name of the list it belongs to and the key of the last row
 * shown, base64url-encoded, so that clients pass it back and never build one. A list checks that a cursor is its
 * own before reading the key, so a cursor of another list (or another sort order) is refused like garbage.
 *
 * <p>Only the last part of a key may contain a line break (the parts are separated by them).
 */
public final class KeysetCursor {

    private KeysetCursor() {
    }

    /** A cursor of list {@code list} after the row whose key is {@code key}. */
    public static String encode(String list, Object... key) {
        StringBuilder raw = new StringBuilder(list);
        for (Object part : key) {
            raw.append('\n').append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a cursor of list {@code list} carries, as {@code parse} reads its {@code parts} parts, or null when
     * there is no cursor (absent or blank: the first page).
     *
     * @throws Invalid when it is not base64url, belongs to another list, has another number of parts, or
     *         {@code parse} refuses them (any runtime exception)
     */
    public static <T> T decode(String cursor, String list, int parts, Function<List<String>, T> parse) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        String[] lines;
        try {
            lines = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", parts + 1);
        } catch (IllegalArgumentException e) {
            throw new Invalid(false);
        }
        if (!lines[0].equals(list)) {
            throw new Invalid(true);
        }
        if (lines.length != parts + 1) {
            throw new Invalid(false);
        }
        try {
            return parse.apply(Arrays.asList(lines).subList(1, lines.length));
        } catch (RuntimeException e) {
            throw new Invalid(false);
        }
    }

    /** A cursor this list did not hand out; a 400 naming the cursor parameter, never a 5xx. */
    public static final class Invalid extends IllegalArgumentException {
        private final boolean otherList;

        Invalid(boolean otherList) {
            super(otherList ? "a cursor of another list" : "not a cursor");
            this.otherList = otherList;
        }

        /** It decodes, but does not name this list: most likely another list's (another sort order, kind). */
        public boolean otherList() {
            return otherList;
        }
    }
}
