package dev.runway.catalog.mapping;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.runway.catalog.domain.DescriptorValidator;
import dev.runway.catalog.domain.EntityKind;
import dev.runway.catalog.domain.RelationType;
import dev.runway.catalog.domain.SpecSchema;
import dev.runway.catalog.rest.dto.KindBody;
import dev.runway.catalog.rest.dto.KindView;
import dev.runway.catalog.service.KindDraft;
import dev.runway.catalog.service.KindService;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem;
import dev.runway.common.json.JsonBodies;

/** Custom kinds between HTTP and the service: the PUT body to a checked draft, a kind to its view. */
@ApplicationScoped
public class KindMapper {
    private static final String RELATION_TYPES = String.join(", ",
            java.util.Arrays.stream(RelationType.values()).map(t -> t.wireName).toList());
    /** Backstage's ReservedFieldsEntityPolicy refuses these as spec keys, so no entity could fill such a field. */
    private static final Set<String> RESERVED_SPEC_KEYS = Set.of("apiVersion", "kind", "uid", "etag", "generation",
            "name", "namespace", "labels", "annotations", "spec");
    private final JsonBodies bodies;

    public KindMapper(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /** The path's kind name, checked before the body, with Backstage's kind rule. */
    public static void checkName(String name) {
        if (!DescriptorValidator.isValidKind(name)) {
            throw new InvalidInputException("Invalid kind name.", List.of(new Problem.Violation("kind",
                    "must start with a letter and contain only letters and digits, at most 63 characters")));
        }
    }

    public KindDraft draft(String name, String body) {
        checkName(name);
        JsonBodies.Read<KindBody> read = bodies.readAll(body, KindBody.class, "kind");
        KindBody k = read.value();
        List<String> apiVersions = k.apiVersions() == null ? List.of() : k.apiVersions();
        for (int i = 0; i < apiVersions.size(); i++) {
            String v = apiVersions.get(i);
            if (v != null && !DescriptorValidator.isValidApiVersion(v)) {
                read.violation("$.apiVersions[" + i + "]", "\"" + v + "\" is not a valid apiVersion: an optional"
                        + " DNS-subdomain prefix and /, then 1-63 letters and digits");
            }
        }
        SpecSchema schema = null;
        if (k.specSchema() != null) {
            List<String> problems = SpecSchema.problems(k.specSchema());
            if (problems.isEmpty()) {
                try {
                    schema = SpecSchema.compile(k.specSchema());
                } catch (IllegalArgumentException e) {
                    read.violation("$.specSchema", e.getMessage());
                }
            } else {
                read.violation("$.specSchema", "is not a schema this catalog accepts: " + String.join("; ", problems));
            }
        }
        List<KindBody.RelationBody> relations = k.relations() == null ? List.of() : k.relations();
        Set<String> fields = new HashSet<>();
        List<EntityKind.RefField> refFields = new java.util.ArrayList<>();
        for (int i = 0; i < relations.size(); i++) {
            KindBody.RelationBody r = relations.get(i);
            String at = "$.relations[" + i + "]";
            if (r == null || read.named(at)) {
                continue;
            }
            RelationType type = null;
            if (r.relation() != null) {
                type = java.util.Arrays.stream(RelationType.values()).filter(t -> t.wireName.equals(r.relation()))
                        .findFirst().orElse(null);
                if (type == null) {
                    read.violation(at + ".relation", "must be one of " + RELATION_TYPES);
                }
            }
            if (r.field() != null && RESERVED_SPEC_KEYS.contains(r.field())) {
                read.violation(at + ".field", "\"" + r.field() + "\" has reserved meaning and may not be a spec field");
            } else if (r.field() != null && !fields.add(r.field())) {
                read.violation(at + ".field", "names the field " + r.field() + " a second time");
            }
            if (r.defaultKind() != null && !DescriptorValidator.isValidKind(r.defaultKind())) {
                read.violation(at + ".defaultKind", "must be a kind name: a letter, then letters and digits");
            }
            if (type != null && r.field() != null && !read.named(at + ".field")) {
                refFields.add(new EntityKind.RefField(r.field(), r.defaultKind(), type,
                        Boolean.TRUE.equals(r.array())));
            }
        }
        read.orThrow();
        return new KindDraft(k.description(), List.copyOf(new java.util.LinkedHashSet<>(apiVersions)), schema,
                refFields);
    }

    public KindView view(KindService.Kind kind) {
        var d = kind.definition();
        return new KindView(d.name(), d.isBuiltin(), kind.description(), d.apiVersions(),
                d.specSchema() == null ? null : d.specSchema().source(),
                d.refFields().stream().map(f -> new KindView.Relation(f.field(), f.relation().wireName,
                        f.defaultKind(), f.array())).toList(),
                d.isBuiltin() ? null : kind.version(), kind.updatedAt(), kind.updatedBy());
    }
}
