package dev.runway.catalog.backstage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;

/**
 * An ordering of entities by Backstage field paths. Both APIs' spellings are read here: {@code orderField} of
 * /entities/by-query ({@code metadata.name,asc}) and {@code order} of /entities ({@code asc:metadata.name}).
 *
 * @param fields lower-cased paths with their direction; empty: by entity ref
 */
public record BackstageOrder(List<Field> fields) {

    public record Field(String path, boolean descending) {
    }

    public static BackstageOrder ofOrderFields(List<String> params) {
        List<Field> fields = new ArrayList<>();
        for (String param : params == null ? List.<String>of() : params) {
            String[] parts = param.split(",", -1);
            String path = parts[0].trim().toLowerCase(Locale.ROOT);
            String direction = parts.length > 1 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
            if (path.isEmpty() || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
                throw invalid("orderField", "Invalid orderField " + param + ", expected <field>,<asc or desc>");
            }
            fields.add(new Field(path, direction.equals("desc")));
        }
        return new BackstageOrder(List.copyOf(fields));
    }

    public static BackstageOrder ofOrder(List<String> params) {
        List<Field> fields = new ArrayList<>();
        for (String param : params == null ? List.<String>of() : params) {
            int colon = param.indexOf(':');
            String direction = colon < 0 ? "" : param.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String path = colon < 0 ? "" : param.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (path.isEmpty() || !(direction.equals("asc") || direction.equals("desc"))) {
                throw invalid("order", "Invalid order parameter \"" + param
                        + "\", expected \"<asc or desc>:<field name>\"");
            }
            fields.add(new Field(path, direction.equals("desc")));
        }
        return new BackstageOrder(List.copyOf(fields));
    }

    /** The SQL ordering: each field's parts, then the entity ref, unique, so that every keyset is a total order. */
    List<BackstageSql.SortPart> sortParts(SqlParams p) {
        List<BackstageSql.SortPart> parts = new ArrayList<>();
        for (Field f : fields) {
            parts.addAll(BackstageSql.sortParts(f.path(), f.descending(), p));
        }
        parts.add(new BackstageSql.SortPart("e.ref", false, false));
        return parts;
    }

    static InvalidInputException invalid(String param, String message) {
        return new InvalidInputException(message, List.of(new Problem.Violation(param, message)));
    }
}
