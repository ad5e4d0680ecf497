package dev.runway.catalog.repository;

import java.util.List;
import java.util.function.Function;

/**
 * Many rows as one statement's parameters: each column a text array that the statement unnests and casts
 * server-side, so a write of hundreds of rows is one round trip and one statement (one firing of each statement
 * trigger) whatever the row count.
 */
final class SqlArrays {
    private SqlArrays() {
    }

    /** One column of many rows. */
    static <T> String[] column(List<T> rows, Function<T, String> value) {
        String[] column = new String[rows.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }

    /**
     * A text[] value in PostgreSQL's literal form, every element quoted and escaped, for a column that is itself an
     * array: unnest of a two-dimensional array would flatten it.
     */
    static String textArrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            literal.append(i == 0 ? "\"" : ",\"")
                    .append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
