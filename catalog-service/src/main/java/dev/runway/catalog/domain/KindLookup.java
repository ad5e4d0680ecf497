package dev.runway.catalog.domain;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The kinds the catalog knows: the built-in ones, plus whatever a platform-admin registered. */
public interface KindLookup {

    /** The known kinds, keyed by lower-cased name. */
    Map<String, KindDefinition> all();

    /** A kind as named in a descriptor: exact case, as Backstage's kind schemas match it. */
    default Optional<KindDefinition> exact(String name) {
        return anyCase(name).filter(k -> k.name().equals(name));
    }

    /** A kind as named in a path, filter or ref, where kinds compare case-insensitively. */
    default Optional<KindDefinition> anyCase(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(all().get(name.toLowerCase(Locale.ROOT)));
    }

    default List<String> names() {
        return all().values().stream().map(KindDefinition::name).toList();
    }

    /** The built-in kinds alone, compiled once. */
    KindLookup BUILT_IN = new KindLookup() {
        private final Map<String, KindDefinition> kinds = builtins();

        @Override
        public Map<String, KindDefinition> all() {
            return kinds;
        }
    };

    static Map<String, KindDefinition> builtins() {
        Map<String, KindDefinition> out = new LinkedHashMap<>();
        Arrays.stream(EntityKind.values()).forEach(k -> out.put(k.wireName.toLowerCase(Locale.ROOT),
                KindDefinition.of(k)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
