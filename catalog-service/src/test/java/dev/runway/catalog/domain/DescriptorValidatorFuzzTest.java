package dev.runway.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.runway.catalog.mapping.DescriptorReader;
import dev.runway.common.error.InvalidInputException;
import dev.runway.common.error.Problem.Violation;

/**
 * Coverage-guided fuzzing of the path every descriptor takes: body reader (JSON or YAML) then validator. The reader
 * may only refuse with its declared InvalidInputException (a 400); the validator never throws, and its verdict is
 * either a normalized entity or violations that each name a JSON path. In {@code verify} it replays the committed
 * inputs (DescriptorValidatorFuzzTestInputs); {@code bin/runway fuzz} fuzzes.
 */
class DescriptorValidatorFuzzTest {
    private static final DescriptorReader READER = new DescriptorReader(new ObjectMapper());
    private static final DescriptorValidator VALIDATOR = new DescriptorValidator();
    private static final String[] KINDS = { "Component", "API", "Resource", "System", "Domain", "Group", "User",
            "Location", "Template", "component" };
    private static final String[] SPEC_FIELDS = { "type", "lifecycle", "owner", "system", "domain", "parent",
            "definition", "target", "subcomponentOf" };
    private static final String[] SPEC_LISTS = { "dependsOn", "providesApis", "consumesApis", "memberOf", "children",
            "members", "targets", "dependencyOf" };

    @FuzzTest(maxDuration = "60s")
    void readAndValidate(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            // Raw bytes seldom parse into a descriptor-shaped object: half the runs build one field by field.
            check(List.of(structured(data)));
            return;
        }
        String contentType = data.consumeBoolean() ? "application/json" : "application/yaml";
        List<JsonNode> docs;
        try {
            docs = READER.read(data.consumeRemainingAsString(), contentType);
        } catch (InvalidInputException refused) {
            return;
        }
        assertFalse(docs.isEmpty());
        check(docs);
    }

    private static void check(List<JsonNode> docs) {
        for (JsonNode doc : docs) {
            DescriptorValidator.Result result = VALIDATOR.validate(doc);
            if (result.valid()) {
                assertNotNull(result.entity());
                assertNotNull(result.entity().ref());
                assertTrue(result.entity().ref().canonical().length() <= 253 * 3, result.entity().ref().canonical());
            } else {
                assertNull(result.entity());
                for (Violation v : result.violations()) {
                    assertTrue(v.field().startsWith("$"), v.field());
                    assertNotNull(v.message());
                }
            }
        }
    }

    private static ObjectNode structured(FuzzedDataProvider data) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("apiVersion", data.consumeBoolean() ? "backstage.io/v1alpha1" : data.consumeString(40));
        d.put("kind", data.consumeBoolean() ? data.pickValue(KINDS) : data.consumeString(20));
        ObjectNode metadata = d.putObject("metadata");
        metadata.put("name", data.consumeString(80));
        if (data.consumeBoolean()) {
            metadata.put("namespace", data.consumeString(70));
        }
        ArrayNode tags = metadata.putArray("tags");
        for (int i = data.consumeInt(0, 3); i > 0; i--) {
            tags.add(data.consumeString(30));
        }
        metadata.putObject("labels").put(data.consumeString(70), data.consumeString(70));
        metadata.putObject("annotations").put(data.consumeString(70), data.consumeString(70));
        ObjectNode spec = d.putObject("spec");
        for (String field : SPEC_FIELDS) {
            if (data.consumeBoolean()) {
                spec.put(field, data.consumeString(60));
            }
        }
        for (String field : SPEC_LISTS) {
            if (data.consumeBoolean()) {
                spec.putArray(field).add(data.consumeString(60));
            }
        }
        if (data.consumeBoolean()) {
            d.put(data.consumeString(10), data.consumeInt());
        }
        return d;
    }
}
