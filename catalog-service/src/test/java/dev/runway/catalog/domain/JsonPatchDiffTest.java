package dev.runway.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class JsonPatchDiffTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void addsRemovesAndReplacesWithEscapedPointers() throws Exception {
        var from = json.readTree("""
                {"metadata":{"name":"a","labels":{"x/y":"1"},"tags":["a"]},"spec":{"owner":"p","old":true}}
                """);
        var to = json.readTree("""
                {"metadata":{"name":"a","labels":{"x/y":"2"},"tags":["a","b"],"title":"T"},"spec":{"owner":"p"}}
                """);
        assertEquals(json.readTree("""
                [{"op":"replace","path":"/metadata/labels/x~1y","value":"2"},
                 {"op":"replace","path":"/metadata/tags","value":["a","b"]},
                 {"op":"add","path":"/metadata/title","value":"T"},
                 {"op":"remove","path":"/spec/old"}]
                """), JsonPatchDiff.diff(from, to));
    }

    @Test
    void identicalDocumentsGiveAnEmptyPatch() throws Exception {
        var doc = json.readTree("{\"a\":[1,{\"b\":2}]}");
        assertEquals(0, JsonPatchDiff.diff(doc, doc.deepCopy()).size());
    }
}
