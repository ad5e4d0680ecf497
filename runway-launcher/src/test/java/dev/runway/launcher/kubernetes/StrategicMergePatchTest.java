package dev.runway.launcher.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class StrategicMergePatchTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String TWO_CONTAINERS = """
            {"spec": {"replicas": 1, "containers": [
              {"name": "app", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
              {"name": "sidecar", "image": "busybox:1.36"}]}}""";

    @Test
    void mergesAListElementByTheKeyOfItsElementOrder() throws Exception {
        JsonNode result = apply(TWO_CONTAINERS, """
                {"spec": {"$setElementOrder/containers": [{"name": "app"}, {"name": "sidecar"}],
                          "containers": [{"name": "sidecar", "image": "busybox:1.37"}]}}""");

        assertEquals(json("""
                {"spec": {"replicas": 1, "containers": [
                  {"name": "app", "image": "nginx:1.25", "ports": [{"containerPort": 80}]},
                  {"name": "sidecar", "image": "busybox:1.37"}]}}"""), result);
    }

    @Test
    void dropsElementsLeftOutOfTheOrderOrMarkedForDeletion() throws Exception {
        String patch = """
                {"spec": {"$setElementOrder/containers": [{"name": "app"}],
                          "containers": [{"name": "sidecar", "$patch": "delete"}]}}""";

        assertEquals(json("""
                {"spec": {"replicas": 1, "containers": [
                  {"name": "app", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}]}}"""),
                apply(TWO_CONTAINERS, patch));
    }

    @Test
    void replacesListsThatComeWithoutAnOrderAndRemovesNulls() throws Exception {
        JsonNode result = apply("""
                {"metadata": {"labels": {"a": "1", "b": "2"}}, "spec": {"limits": [{"type": "Container"}]}}""", """
                {"metadata": {"labels": {"b": null, "c": "3"}}, "spec": {"limits": [{"type": "Pod"}]}}""");

        assertEquals(json("""
                {"metadata": {"labels": {"a": "1", "c": "3"}}, "spec": {"limits": [{"type": "Pod"}]}}"""), result);
    }

    @Test
    void handlesPrimitiveListsRetainKeysAndReplace() throws Exception {
        assertEquals(json("""
                {"metadata": {"finalizers": ["a", "c"]}}"""), apply("""
                {"metadata": {"finalizers": ["a", "b"]}}""", """
                {"metadata": {"$setElementOrder/finalizers": ["a", "c"], "finalizers": ["c"],
                              "$deleteFromPrimitiveList/finalizers": ["b"]}}"""));
        assertEquals(json("""
                {"strategy": {"type": "Recreate"}}"""), apply("""
                {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}}}""", """
                {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}"""));
        assertEquals(json("""
                {"data": {"only": "this"}}"""), apply("""
                {"data": {"old": "x"}}""", """
                {"data": {"$patch": "replace", "only": "this"}}"""));
    }

    private static JsonNode apply(String target, String patch) throws Exception {
        return StrategicMergePatch.apply(json(target), json(patch));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
