package dev.runway.ui.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class SchemaFormTest {
    private static final JsonNode SCHEMA;

    static {
        try {
            SCHEMA = new ObjectMapper().readTree("""
                    {"type":"object","required":["plan"],"properties":{
                      "cpuMillis":{"type":"integer","minimum":100,"maximum":2000},
                      "plan":{"type":"string","enum":["small","medium"]},
                      "component":{"type":"string","pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","maxLength":63}}}""");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void fieldsFollowTheSchemaTypesAndDefaults() {
        var fields = SchemaForm.fields(SCHEMA, Map.of("cpuMillis", 1000), null, Map.of());
        assertEquals("number", fields.get(0).input());
        assertEquals("1000", fields.get(0).value());
        assertEquals("100", fields.get(0).min());
        assertEquals("select", fields.get(1).input());
        assertEquals(java.util.List.of("small", "medium"), fields.get(1).options());
        assertEquals(true, fields.get(1).required());
        assertEquals("Cpu millis", fields.get(0).label());
        assertEquals("Memory MiB", SchemaForm.label("memoryMiB"));
    }

    @Test
    void parsedValuesAreTypedAndCheckedAgainstTheSchema() {
        Map<String, String> typed = Map.of("cpuMillis", "500", "plan", "small", "component", "");
        SchemaForm.Parsed ok = SchemaForm.parse(SCHEMA, typed::get);
        assertEquals(Map.of("cpuMillis", 500L, "plan", "small"), ok.values());

        Map<String, String> bad = Map.of("cpuMillis", "5000", "plan", "huge", "component", "Not_OK");
        SchemaForm.Parsed wrong = SchemaForm.parse(SCHEMA, bad::get);
        assertEquals("must be at most 2000", wrong.errors().get("cpuMillis"));
        assertEquals("must be one of small, medium", wrong.errors().get("plan"));
        assertEquals(true, wrong.errors().get("component").startsWith("has the wrong format"));

        SchemaForm.Parsed missing = SchemaForm.parse(SCHEMA, Map.of("cpuMillis", "x")::get);
        assertEquals("must be a whole number", missing.errors().get("cpuMillis"));
        assertEquals("is required", missing.errors().get("plan"));
    }
}
