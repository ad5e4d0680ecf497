package dev.runway.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns service JSON into what a person reads in a terminal. */
public final class Format {
    private Format() {
    }

    /** 45s, 12m 30s, 3h 05m, 2d 4h: two units are enough to compare lead times at a glance. */
    public static String duration(JsonNode seconds) {
        if (seconds == null || seconds.isNull() || !seconds.isNumber()) {
            return null;
        }
        long s = Math.round(seconds.asDouble());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format(Locale.ROOT, "%02ds", s % 60);
        }
        if (s < 86_400) {
            return (s / 3600) + "h " + String.format(Locale.ROOT, "%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d " + ((s % 86_400) / 3600) + "h";
    }

    /** A fraction as a percentage with one decimal. */
    public static String percent(JsonNode fraction) {
        if (fraction == null || fraction.isNull() || !fraction.isNumber()) {
            return null;
        }
        return String.format(Locale.ROOT, "%.1f%%", fraction.asDouble() * 100);
    }

    public static String number(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return n.asText();
        }
        if (n.isNumber()) {
            return String.format(Locale.ROOT, "%.2f", n.asDouble());
        }
        return n.asText();
    }

    /** A field of any shape in one cell: scalars as text, short lists joined, objects as compact JSON. */
    public static String cell(String name, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (name.endsWith("Seconds") && value.isNumber()) {
            return duration(value);
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : Json.compact(v)));
            return items.size() <= 3 ? String.join(", ", items) : items.size() + " values";
        }
        if (value.isObject()) {
            return Json.compact(value);
        }
        return number(value);
    }

    /** Every field of an object as an aligned "name  value" list. */
    public static void fields(PrintWriter out, JsonNode object) {
        Table table = new Table("field", "value");
        if (object != null && object.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                table.row(e.getKey(), cell(e.getKey(), e.getValue()));
            }
        }
        table.print(out, false);
    }

    /** An array of objects as a table whose columns are the first object's fields. */
    public static void rows(PrintWriter out, JsonNode array) {
        if (array == null || !array.isArray() || array.isEmpty() || !array.get(0).isObject()) {
            return;
        }
        List<String> columns = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(columns::add);
        Table table = new Table(columns.toArray(String[]::new));
        for (JsonNode row : array) {
            Object[] cells = columns.stream().map(c -> cell(c, row.get(c))).toArray();
            table.row(cells);
        }
        table.print(out);
    }
}
