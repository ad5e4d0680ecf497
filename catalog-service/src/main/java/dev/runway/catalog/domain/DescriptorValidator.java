package dev.runway.catalog.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.common.catalog.EntityRef;
import dev.runway.common.error.Problem.Violation;

/**
 * Validates an entity descriptor exactly as Backstage's catalog model does (see
 * {@code shared/reference/backstage-descriptor-rules.md}: {@code KubernetesValidatorFunctions},
 * {@code makeValidator}, the kind schemas, {@code NoForeignRootFieldsEntityPolicy}, {@code ReservedFieldsEntityPolicy},
 * {@code FieldFormatEntityPolicy}), for the kinds its {@link KindLookup} knows: the built-in ones, Template (checked
 * against its JSON Schema) and registered custom kinds (checked against theirs).
 *
 * <p>One deliberate difference: a malformed entity reference in a relation field (e.g. {@code owner: "group:"}) is
 * refused here, while Backstage's validator accepts any non-empty string there and its processing
 * ({@code BuiltinKindsEntityProcessor}, {@code parseEntityRef}) then fails on it, so that the entity never reaches
 * Backstage's catalog either. Runway validates and computes relations in one step at write time, so it reports the
 * error to the writer instead of storing an entity whose processing failed.
 *
 * <p>Every violation carries the JSON path of the offending value. Pure: no I/O, no framework.
 */
public final class DescriptorValidator {

    /**
     * Backstage's catalog enforces {@code NoForeignRootFieldsEntityPolicy} with exactly these: {@code relations}
     * and {@code status} are outputs of its processing, and input carrying them is refused ("Unknown field").
     */
    private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> READ_ONLY_ROOT_FIELDS = Set.of("relations", "status");
    private static final Set<String> RESERVED_KEYS = Set.of("apiVersion", "kind", "uid", "etag", "generation", "name",
            "namespace", "labels", "annotations", "spec");
    private static final Set<String> SERVER_GENERATED = Set.of("uid", "etag", "generation");

    private static final Pattern OBJECT_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern API_VERSION_SUFFIX = Pattern.compile("^[a-z0-9A-Z]+$");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$");

    /** The verdict on one descriptor: the normalized entity when valid, else the violations. */
    public record Result(ValidatedEntity entity, List<Violation> violations) {
        public boolean valid() {
            return violations.isEmpty();
        }
    }

    private final KindLookup kinds;

    /** A validator that knows the built-in kinds only. */
    public DescriptorValidator() {
        this(KindLookup.BUILT_IN);
    }

    public DescriptorValidator(KindLookup kinds) {
        this.kinds = kinds;
    }

    public Result validate(JsonNode doc) {
        List<Violation> v = new ArrayList<>();
        if (doc == null || !doc.isObject()) {
            v.add(new Violation("$", "an entity descriptor must be an object"));
            return new Result(null, v);
        }
        for (Iterator<String> it = doc.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (READ_ONLY_ROOT_FIELDS.contains(field)) {
                v.add(new Violation("$." + field, "is computed by the catalog and may not be sent; allowed root"
                        + " fields are apiVersion, kind, metadata, spec"));
            } else if (!ROOT_FIELDS.contains(field)) {
                v.add(new Violation("$." + field, "unknown root field; allowed are apiVersion, kind, metadata, spec"));
            }
        }
        String apiVersion = requiredString(doc, "apiVersion", "$", v);
        boolean apiVersionWellFormed = apiVersion != null && isValidApiVersion(apiVersion);
        if (apiVersion != null && !apiVersionWellFormed) {
            v.add(new Violation("$.apiVersion", "\"" + apiVersion + "\" is not a valid apiVersion"));
        }
        KindDefinition kind = null;
        String kindText = requiredString(doc, "kind", "$", v);
        if (kindText != null) {
            if (!lengthBetween(kindText, 1, 63) || !KIND.matcher(kindText).matches()) {
                v.add(new Violation("$.kind", "\"" + kindText + "\" is not a valid kind"));
            } else {
                kind = kinds.exact(kindText).orElse(null);
                if (kind == null) {
                    String other = kinds.anyCase(kindText).map(KindDefinition::name).orElse(null);
                    v.add(new Violation("$.kind", "unknown kind \"" + kindText + "\"; expected one of "
                            + String.join(", ", kinds.names()) + (other == null ? "" : " (did you mean " + other
                            + "?)")));
                }
            }
        }
        if (kind != null && apiVersionWellFormed && !kind.apiVersions().contains(apiVersion)) {
            v.add(new Violation("$.apiVersion", "unsupported apiVersion \"" + apiVersion + "\"; kind " + kind.name()
                    + " accepts " + String.join(" or ", kind.apiVersions())));
        }
        String name = null;
        String namespace = EntityRef.DEFAULT_NAMESPACE;
        List<String> tags = new ArrayList<>();
        JsonNode metadata = doc.get("metadata");
        if (metadata == null || metadata.isNull()) {
            v.add(new Violation("$.metadata", "is required"));
        } else if (!metadata.isObject()) {
            v.add(new Violation("$.metadata", "must be an object"));
        } else {
            name = requiredString(metadata, "name", "$.metadata", v);
            if (name != null && !isValidObjectName(name)) {
                v.add(new Violation("$.metadata.name", "\"" + name + "\" is not a valid name: 1-63 characters,"
                        + " sequences of [a-zA-Z0-9] separated by any of [-_.]"));
            }
            JsonNode ns = metadata.get("namespace");
            if (ns != null && !ns.isNull()) {
                if (!ns.isTextual()) {
                    v.add(new Violation("$.metadata.namespace", "must be a string"));
                } else if (!isValidDnsLabel(ns.asText())) {
                    v.add(new Violation("$.metadata.namespace", "\"" + ns.asText()
                            + "\" is not a valid namespace: 1-63 lowercase characters, sequences of [a-z0-9]"
                            + " separated by -"));
                } else {
                    namespace = ns.asText();
                }
            }
            optionalString(metadata, "title", "$.metadata", v);
            optionalString(metadata, "description", "$.metadata", v);
            validateKeyValues(metadata.get("labels"), "$.metadata.labels", true, v);
            validateKeyValues(metadata.get("annotations"), "$.metadata.annotations", false, v);
            validateTags(metadata.get("tags"), tags, v);
            validateLinks(metadata.get("links"), v);
        }
        JsonNode spec = doc.get("spec");
        String type = null;
        String lifecycle = null;
        String ownerRef = null;
        String systemRef = null;
        List<Relation> relations = new ArrayList<>();
        if (spec == null || spec.isNull()) {
            v.add(new Violation("$.spec", "is required"));
        } else if (!spec.isObject()) {
            v.add(new Violation("$.spec", "must be an object"));
        } else {
            for (Iterator<String> it = spec.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (RESERVED_KEYS.contains(field)) {
                    v.add(new Violation("$.spec." + field, "the spec may not contain the field \"" + field
                            + "\", because it has reserved meaning"));
                }
            }
            if (kind != null) {
                validateSpec(kind, spec, v);
                type = spec.path("type").isTextual() ? spec.get("type").asText() : null;
                lifecycle = spec.path("lifecycle").isTextual() ? spec.get("lifecycle").asText() : null;
                if (name != null) {
                    String self = new EntityRef(kind.name(), namespace, name).canonical();
                    for (EntityKind.RefField field : kind.refFields()) {
                        for (String target : refs(spec, field, namespace, v)) {
                            relations.add(new Relation(self, field.relation(), target));
                            // The owner (for filters and the owning-team policy) is what ownedBy points at, so
                            // that a custom kind's owner field may carry another name.
                            if (field.relation() == RelationType.OWNED_BY && ownerRef == null) {
                                ownerRef = target;
                            } else if (field.field().equals("system")) {
                                systemRef = target;
                            }
                        }
                    }
                }
            }
        }
        if (!v.isEmpty()) {
            return new Result(null, v);
        }
        ObjectNode body = normalize((ObjectNode) doc, namespace);
        EntityRef ref = new EntityRef(kind.name(), namespace, name);
        return new Result(new ValidatedEntity(ref, kind, body, type, lifecycle, ownerRef, systemRef, List.copyOf(
                new LinkedHashSet<>(tags)), List.copyOf(new LinkedHashSet<>(relations))), v);
    }

    private static ObjectNode normalize(ObjectNode doc, String namespace) {
        ObjectNode body = doc.deepCopy();
        ObjectNode metadata = (ObjectNode) body.get("metadata");
        metadata.remove(SERVER_GENERATED);
        metadata.put("namespace", namespace);
        return body;
    }

    private static void validateSpec(KindDefinition kind, JsonNode spec, List<Violation> v) {
        if (kind.specSchema() != null) {
            v.addAll(kind.specSchema().validate(spec));
        }
        if (!kind.isBuiltin() || kind.builtin().specSchemaResource != null) {
            return;
        }
        for (String field : kind.builtin().requiredSpecFields) {
            JsonNode value = spec.get(field);
            if (value == null || value.isNull()) {
                v.add(new Violation("$.spec." + field, "is required for kind " + kind.name()));
            }
        }
        for (String field : List.of("type", "lifecycle", "definition")) {
            JsonNode value = spec.get(field);
            if (value != null && !value.isNull() && (!value.isTextual() || value.asText().isEmpty())) {
                v.add(new Violation("$.spec." + field, "must be a non-empty string"));
            }
        }
        if (kind.is(EntityKind.GROUP)) {
            JsonNode profile = spec.get("profile");
            if (profile != null && !profile.isObject()) {
                v.add(new Violation("$.spec.profile", "must be an object"));
            }
        }
        if (kind.is(EntityKind.USER)) {
            JsonNode profile = spec.get("profile");
            if (profile != null && !profile.isObject()) {
                v.add(new Violation("$.spec.profile", "must be an object"));
            }
        }
        if (kind.is(EntityKind.LOCATION)) {
            optionalString(spec, "target", "$.spec", v);
            JsonNode targets = spec.get("targets");
            if (targets != null && !isStringArray(targets)) {
                v.add(new Violation("$.spec.targets", "must be a list of strings"));
            }
            JsonNode presence = spec.get("presence");
            if (presence != null && !(presence.isTextual()
                    && (presence.asText().equals("required") || presence.asText().equals("optional")))) {
                v.add(new Violation("$.spec.presence", "must be \"required\" or \"optional\""));
            }
        }
    }

    /** Canonical targets of one reference field; malformed references become violations. */
    private static List<String> refs(JsonNode spec, EntityKind.RefField field, String namespace, List<Violation> v) {
        JsonNode value = spec.get(field.field());
        String path = "$.spec." + field.field();
        List<String> out = new ArrayList<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (field.array()) {
            if (!value.isArray()) {
                v.add(new Violation(path, "must be a list of entity references"));
                return out;
            }
            for (int i = 0; i < value.size(); i++) {
                ref(value.get(i), path + "[" + i + "]", field, namespace, out, v);
            }
        } else {
            ref(value, path, field, namespace, out, v);
        }
        return out;
    }

    private static void ref(JsonNode value, String path, EntityKind.RefField field, String namespace, List<String> out,
            List<Violation> v) {
        if (v.stream().anyMatch(existing -> existing.field().equals(path))) {
            return; // the kind's schema already refused this value
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            v.add(new Violation(path, "must be a non-empty entity reference string"));
            return;
        }
        try {
            out.add(EntityRef.parse(value.asText(), field.defaultKind(), namespace).canonical());
        } catch (IllegalArgumentException e) {
            String hint = field.defaultKind() == null ? " (this field has no default kind: write e.g. component:name"
                    + " or resource:name)" : "";
            v.add(new Violation(path, e.getMessage() + hint));
        }
    }

    private static void validateKeyValues(JsonNode node, String path, boolean labels, List<Violation> v) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            v.add(new Violation(path, "must be an object of string keys and values"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String keyPath = path + "." + key;
            if (RESERVED_KEYS.contains(key)) {
                v.add(new Violation(keyPath, "the key \"" + key + "\" has reserved meaning and may not be used"));
            } else if (!isValidPrefixAndOrSuffix(key, DescriptorValidator::isValidDnsSubdomain,
                    DescriptorValidator::isValidObjectName)) {
                v.add(new Violation(keyPath, "\"" + key + "\" is not a valid key: an optional DNS-subdomain prefix"
                        + " and /, then 1-63 characters, sequences of [a-zA-Z0-9] separated by any of [-_.]"));
            }
            JsonNode value = e.getValue();
            if (!value.isTextual()) {
                v.add(new Violation(keyPath, "value must be a string"));
            } else if (labels && !value.asText().isEmpty() && !isValidObjectName(value.asText())) {
                v.add(new Violation(keyPath, "\"" + value.asText() + "\" is not a valid label value: empty, or 1-63"
                        + " characters, sequences of [a-zA-Z0-9] separated by any of [-_.]"));
            }
        }
    }

    private static void validateTags(JsonNode node, List<String> tags, List<Violation> v) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            v.add(new Violation("$.metadata.tags", "must be a list of strings"));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            String path = "$.metadata.tags[" + i + "]";
            if (!tag.isTextual()) {
                v.add(new Violation(path, "must be a string"));
            } else if (!lengthBetween(tag.asText(), 1, 63) || !TAG.matcher(tag.asText()).matches()) {
                v.add(new Violation(path, "\"" + tag.asText() + "\" is not a valid tag: 1-63 characters,"
                        + " sequences of [a-z0-9:+#] separated by -"));
            } else {
                tags.add(tag.asText());
            }
        }
    }

    private static void validateLinks(JsonNode node, List<Violation> v) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            v.add(new Violation("$.metadata.links", "must be a list of links"));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode link = node.get(i);
            String path = "$.metadata.links[" + i + "]";
            if (!link.isObject()) {
                v.add(new Violation(path, "must be an object with a url"));
                continue;
            }
            JsonNode url = link.get("url");
            if (url == null || url.isNull()) {
                v.add(new Violation(path + ".url", "is required"));
            } else if (!url.isTextual() || !isValidUrl(url.asText())) {
                v.add(new Violation(path + ".url", "must be a valid absolute URL"));
            }
            JsonNode title = link.get("title");
            if (title != null && (!title.isTextual() || title.asText().isEmpty())) {
                v.add(new Violation(path + ".title", "must be a non-empty string"));
            }
            JsonNode icon = link.get("icon");
            if (icon != null && (!icon.isTextual() || !isValidObjectName(icon.asText()))) {
                v.add(new Violation(path + ".icon", "must be a valid icon name: 1-63 characters, sequences of"
                        + " [a-zA-Z0-9] separated by any of [-_.]"));
            }
            JsonNode type = link.get("type");
            if (type != null && !type.isTextual()) {
                v.add(new Violation(path + ".type", "must be a string"));
            }
        }
    }

    private static String requiredString(JsonNode parent, String field, String base, List<Violation> v) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            v.add(new Violation(base + "." + field, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            v.add(new Violation(base + "." + field, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static void optionalString(JsonNode parent, String field, String base, List<Violation> v) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            v.add(new Violation(base + "." + field, "must be a string"));
        }
    }

    private static boolean isStringArray(JsonNode node) {
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidObjectName(String value) {
        return lengthBetween(value, 1, 63) && OBJECT_NAME.matcher(value).matches();
    }

    static boolean isValidDnsLabel(String value) {
        return lengthBetween(value, 1, 63) && DNS_LABEL.matcher(value).matches();
    }

    static boolean isValidDnsSubdomain(String value) {
        if (!lengthBetween(value, 1, 253)) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (!isValidDnsLabel(label)) {
                return false;
            }
        }
        return true;
    }

    /** Backstage's {@code isValidKind}. */
    public static boolean isValidKind(String value) {
        return lengthBetween(value, 1, 63) && KIND.matcher(value).matches();
    }

    public static boolean isValidApiVersion(String value) {
        return isValidPrefixAndOrSuffix(value, DescriptorValidator::isValidDnsSubdomain,
                s -> lengthBetween(s, 1, 63) && API_VERSION_SUFFIX.matcher(s).matches());
    }

    /** Backstage's {@code isValidPrefixAndOrSuffix} with separator {@code /}: "suffix" or "prefix/suffix". */
    private static boolean isValidPrefixAndOrSuffix(String value, Predicate<String> prefix, Predicate<String> suffix) {
        String[] parts = value.split("/", -1);
        if (parts.length == 1) {
            return suffix.test(parts[0]);
        }
        return parts.length == 2 && prefix.test(parts[0]) && suffix.test(parts[1]);
    }

    private static boolean isValidUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getScheme() != null && !value.isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean lengthBetween(String value, int min, int max) {
        return value != null && value.length() >= min && value.length() <= max;
    }
}
