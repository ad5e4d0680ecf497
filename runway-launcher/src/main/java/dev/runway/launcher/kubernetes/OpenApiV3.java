package dev.runway.launcher.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough OpenAPI v3 for {@code kubectl apply -f} and {@code kubectl create -f}: before sending an object kubectl
 * asks whether the server validates fields itself (a {@code fieldValidation} query parameter on the kind's PATCH
 * operation). Declaring it makes kubectl leave validation to the server instead of failing for want of a schema;
 * the sandbox then accepts the object as it is. No schemas are published, so {@code kubectl explain} has nothing.
 */
final class OpenApiV3 {

    static final String ROOT = "/openapi/v3";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> documents = new LinkedHashMap<>();

    OpenApiV3() {
        ObjectNode rootPaths = MAPPER.createObjectNode();
        for (ApiDiscovery.GroupVersion gv : ApiDiscovery.SERVED) {
            String document = groupVersionDocument(gv).toString();
            String relative = gv.path().substring(1);
            documents.put(ROOT + "/" + relative, document);
            rootPaths.putObject(relative).put("serverRelativeURL", ROOT + "/" + relative + "?hash=" + hash(document));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.set("paths", rootPaths);
        documents.put(ROOT, root.toString());
    }

    /** The document at {@code path} (query string removed), if there is one. */
    Optional<String> document(String path) {
        return Optional.ofNullable(documents.get(path));
    }

    private static ObjectNode groupVersionDocument(ApiDiscovery.GroupVersion gv) {
        ObjectNode document = MAPPER.createObjectNode();
        document.put("openapi", "3.0.0");
        document.putObject("info").put("title", "Kubernetes").put("version",
                "v" + ApiDiscovery.MAJOR + "." + ApiDiscovery.MINOR + ".0");
        ObjectNode paths = document.putObject("paths");
        for (ApiDiscovery.Kind kind : gv.kinds()) {
            String item = gv.path() + (kind.namespaced() ? "/namespaces/{namespace}/" : "/")
                    + kind.plural() + "/{name}";
            ObjectNode patch = paths.putObject(item).putObject("patch");
            patch.put("operationId", "patch" + kind.kind());
            patch.put("x-kubernetes-action", "patch");
            patch.putObject("x-kubernetes-group-version-kind")
                    .put("group", gv.group()).put("version", gv.version()).put("kind", kind.kind());
            for (String parameter : new String[] { "dryRun", "fieldManager", "fieldValidation", "force" }) {
                patch.withArray("parameters").addObject()
                        .put("name", parameter).put("in", "query").putObject("schema").put("type", "string");
            }
            // strategic merge patch is left out on purpose: kubectl would then want the kinds' schemas to compute it
            ObjectNode content = patch.putObject("requestBody").putObject("content");
            content.putObject("application/json-patch+json");
            content.putObject("application/merge-patch+json");
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        return document;
    }

    private static String hash(String document) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
