package dev.runway.launcher.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.io.IOException;

/**
 * fabric8's in-memory CRUD store, with what the sandbox does to every object it stores:
 * <ul>
 * <li>an update of a cluster-scoped object (a Namespace, a ClusterRole) no longer keeps {@code "namespace": null},
 * which kubectl would print;</li>
 * <li>a ResourceQuota gets the status the quota controller would give it ({@code hard} from the spec, nothing
 * {@code used}: the sandbox runs nothing), so that {@code kubectl describe} shows its limits.</li>
 * </ul>
 */
final class SandboxStore extends KubernetesCrudDispatcher {

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
            GenericKubernetesResource resource, String newState) {
        super.processEvent(path, pathAttributes, oldAttributes, resource, completed(newState));
    }

    static String completed(String state) {
        if (state == null) {
            return null;
        }
        JsonNode object;
        try {
            object = JSON_MAPPER.readTree(state);
        } catch (IOException notJson) {
            return state;
        }
        if (!(object instanceof ObjectNode stored)) {
            return state;
        }
        if (stored.path("metadata") instanceof ObjectNode metadata && metadata.path("namespace").isNull()) {
            metadata.remove("namespace");
        }
        if ("ResourceQuota".equals(stored.path("kind").asText()) && stored.path("spec").path("hard").isObject()) {
            ObjectNode hard = (ObjectNode) stored.path("spec").path("hard");
            ObjectNode status = stored.putObject("status");
            status.set("hard", hard.deepCopy());
            ObjectNode used = status.putObject("used");
            hard.fieldNames().forEachRemaining(resourceName -> used.put(resourceName, "0"));
        }
        return stored.toString();
    }
}
