package dev.runway.provisioning.template;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import dev.runway.common.error.Problem;
import dev.runway.provisioning.config.ProvisioningConfig;
import dev.runway.provisioning.driver.DatabaseDrivers;
import io.quarkus.runtime.Startup;

/** The templates shipped with the service, loaded and compiled once at start; a broken file fails startup. */
@ApplicationScoped
@Startup
public class TemplateCatalog {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final DatabaseDrivers drivers;

    public TemplateCatalog(ProvisioningConfig config, DatabaseDrivers drivers) {
        this.drivers = drivers;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (String name : config.templates()) {
            Template t = load(name, factory);
            templates.put(t.id(), t);
        }
    }

    public Collection<Template> all() {
        return templates.values();
    }

    public Optional<Template> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    /** Whether requests of this template can be met here: a database template needs a server of its engine. */
    public boolean available(Template template) {
        return template.kind() != Template.Kind.DATABASE || drivers.available(template.id());
    }

    /**
     * Validates the request's parameters against the template's schema and returns them with the template's
     * defaults filled in; each schema violation names its field as {@code $.parameters.<name>}.
     */
    public Map<String, Object> resolve(Template template, JsonNode parameters, List<Problem.Violation> violations) {
        JsonNode given = parameters == null || parameters.isNull() ? JSON.createObjectNode() : parameters;
        for (ValidationMessage m : template.schema().validate(given)) {
            String path = m.getInstanceLocation().toString().replaceFirst("^\\$", "\\$.parameters");
            if (m.getProperty() != null && ("required".equals(m.getType())
                    || "additionalProperties".equals(m.getType()))) {
                path = path + "." + m.getProperty();
            }
            violations.add(new Problem.Violation(path, m.getError() != null ? m.getError() : m.getMessage()));
        }
        Map<String, Object> resolved = new LinkedHashMap<>(template.defaults());
        if (given.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                resolved.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        }
        return resolved;
    }

    private static Template load(String name, JsonSchemaFactory factory) {
        String resource = "templates/" + name + ".yaml";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("template " + resource + " not found");
            }
            JsonNode root = YAML.readTree(in);
            Template.Kind kind = Template.Kind.valueOf(text(root, "kind").toUpperCase(Locale.ROOT));
            Template.Ttl ttl = root.hasNonNull("ttl")
                    ? new Template.Ttl(Duration.parse(text(root.get("ttl"), "default")),
                            Duration.parse(text(root.get("ttl"), "max")))
                    : null;
            Map<String, Template.Plan> plans = new LinkedHashMap<>();
            if (root.hasNonNull("plans")) {
                root.get("plans").fields().forEachRemaining(p -> plans.put(p.getKey(), new Template.Plan(
                        p.getValue().path("connectionLimit").asInt(), p.getValue().path("cpuMillis").asInt(),
                        p.getValue().path("memoryMiB").asInt())));
            }
            if (kind == Template.Kind.DATABASE && plans.isEmpty()) {
                throw new IllegalStateException("database template " + name + " has no plans");
            }
            JsonNode parameters = root.get("parameters");
            if (parameters == null || !parameters.isObject()) {
                throw new IllegalStateException("template " + name + " has no parameters schema");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> defaults = root.hasNonNull("defaults")
                    ? JSON.convertValue(root.get("defaults"), Map.class)
                    : Map.of();
            List<String> errors = new ArrayList<>();
            factory.getSchema(parameters).validate((ObjectNode) JSON.valueToTree(defaults))
                    .forEach(m -> errors.add(m.getMessage()));
            if (!errors.isEmpty()) {
                throw new IllegalStateException("defaults of template " + name + " break its schema: " + errors);
            }
            return new Template(text(root, "id"), text(root, "version"), kind, text(root, "description"),
                    root.path("approvalRequired").asBoolean(false), ttl, Map.copyOf(defaults), Map.copyOf(plans),
                    parameters, factory.getSchema(parameters));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + resource, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isValueNode()) {
            throw new IllegalStateException("template field '" + field + "' missing");
        }
        return v.asText();
    }
}
