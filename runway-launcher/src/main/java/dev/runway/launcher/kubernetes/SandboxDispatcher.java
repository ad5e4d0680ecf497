package dev.runway.launcher.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts in front of fabric8's CRUD dispatcher what a real API server has and kubectl relies on: the discovery and
 * OpenAPI documents, health endpoints, JSON content types, typed lists, {@code Status} bodies on errors, strategic
 * merge patches, and the namespace behaviour of the API server (phase {@code Active}, the
 * {@code kubernetes.io/metadata.name} label, deleting a namespace deletes its contents).
 */
final class SandboxDispatcher extends Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxDispatcher.class);
    private static final int HTTP_UNSUPPORTED_MEDIA_TYPE = 415;
    private static final String JSON = "application/json";
    private static final String NAME_LABEL = "kubernetes.io/metadata.name";
    private static final Pattern WATCH = Pattern.compile("[?&]watch=(true|1)(&|$)");
    private static final Pattern NAMESPACE_ITEM = Pattern.compile("/api/v1/namespaces/([^/]+)");
    private static final Pattern NAMED_OBJECT = Pattern.compile("/apis?/.*?/([a-z0-9]+)/([^/]+)");

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private final ApiDiscovery discovery;
    private final OpenApiV3 openApi = new OpenApiV3();
    private final KubernetesCrudDispatcher crud;
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    SandboxDispatcher(ApiDiscovery discovery, KubernetesCrudDispatcher crud) {
        this.discovery = discovery;
        this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return handle(request);
        } catch (RuntimeException e) {
            // an exception escaping to vert.x would leave the client waiting for an answer that never comes
            LOG.warn("{} failed", request, e);
            return status(HttpURLConnection.HTTP_INTERNAL_ERROR, "InternalError", "the sandbox failed: " + e);
        }
    }

    private MockResponse handle(RecordedRequest request) {
        String path = withoutQuery(request.getPath());
        HttpMethod method = request.method();
        if (method == HttpMethod.GET) {
            MockResponse served = serveNonResource(path);
            if (served != null) {
                return served;
            }
            if (WATCH.matcher(request.getPath()).find() && request.getHeader("Upgrade") == null) {
                return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
                        "the sandbox streams watches over WebSocket only, as fabric8 clients ask, not as kubectl -w");
            }
        }
        String contentType = request.getHeader("Content-Type");
        boolean storesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        if (storesBody && contentType != null && !contentType.contains("json") && !contentType.contains("yaml")) {
            // the CRUD store reads JSON only; protobuf and CBOR bodies are refused, as a server does for CRDs
            return status(HTTP_UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType",
                    "the sandbox accepts JSON request bodies only, not " + contentType);
        }
        RecordedRequest forwarded = request;
        if (method == HttpMethod.POST && path.equals("/api/v1/namespaces")) {
            forwarded = withNamespaceDefaults(request);
        } else if (method == HttpMethod.PATCH && contentType != null && contentType.contains("strategic-merge-patch")) {
            return strategicMergePatch(request, path);
        }
        MockResponse response = crud.dispatch(forwarded);
        if (response == null) {
            return status(HttpURLConnection.HTTP_BAD_METHOD, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource");
        }
        if (method == HttpMethod.DELETE && response.code() == HttpURLConnection.HTTP_OK) {
            Matcher namespace = NAMESPACE_ITEM.matcher(path);
            if (namespace.matches()) {
                ApiDiscovery.namespacedCollections(namespace.group(1)).forEach(crud::handleDelete);
            }
        }
        return completed(response, path);
    }

    private MockResponse serveNonResource(String path) {
        switch (path) {
            case "/healthz", "/livez", "/readyz":
                return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                        .setHeader("Content-Type", "text/plain; charset=utf-8").setBody("ok");
            case "/openapi/v2", "/swagger.json":
                // without it kubectl computes patches of built-in kinds from its own types
                return status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound", "the sandbox serves no OpenAPI v2 schema");
            default:
                break;
        }
        return discovery.document(path)
                .or(() -> openApi.document(path))
                .map(json -> new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK)
                        .setHeader("Content-Type", JSON).setBody(json))
                .orElseGet(() -> ApiDiscovery.isDiscoveryPath(path)
                        ? status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
                                "the server could not find the requested resource")
                        : null);
    }

    /** Applies the patch to the stored object and stores the result as a PUT would: see {@link StrategicMergePatch}. */
    private MockResponse strategicMergePatch(RecordedRequest request, String path) {
        MockResponse current = crud.handleGet(path);
        if (current.code() != HttpURLConnection.HTTP_OK) {
            return completed(current, path);
        }
        JsonNode merged;
        try {
            merged = StrategicMergePatch.apply(JSON_MAPPER.readTree(current.getBody().readUtf8()),
                    JSON_MAPPER.readTree(request.getUtf8Body()));
        } catch (IOException e) {
            return status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", "the patch is not valid JSON");
        }
        RecordedRequest put = new RecordedRequest(request.getHttpVersion(), HttpMethod.PUT, request.getPath(),
                Headers.builder().add("Content-Type", JSON).build(),
                new Buffer(merged.toString().getBytes(StandardCharsets.UTF_8)));
        return completed(crud.dispatch(put), path);
    }

    private RecordedRequest withNamespaceDefaults(RecordedRequest request) {
        String body = request.getUtf8Body();
        try {
            Namespace namespace = serialization.unmarshal(body, Namespace.class);
            if (namespace.getMetadata() != null && namespace.getMetadata().getName() != null) {
                Map<String, String> labels = namespace.getMetadata().getLabels() == null
                        ? new HashMap<>() : new HashMap<>(namespace.getMetadata().getLabels());
                labels.put(NAME_LABEL, namespace.getMetadata().getName());
                namespace.getMetadata().setLabels(labels);
            }
            if (namespace.getStatus() == null || namespace.getStatus().getPhase() == null) {
                namespace.setStatus(new NamespaceStatus(null, "Active"));
            }
            body = serialization.asJson(namespace);
        } catch (RuntimeException unparsable) {
            // left to the CRUD dispatcher, which answers malformed bodies itself
        }
        return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), request.getHeaders(),
                new Buffer(body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Status body on a bare 404, a JSON content type where the CRUD dispatcher sets none, typed lists. */
    private MockResponse completed(MockResponse response, String path) {
        if (response.getWebSocketListener() != null) {
            return response;
        }
        boolean emptyBody = response.getBody() == null || response.getBody().size() == 0;
        if (response.code() == HttpURLConnection.HTTP_NOT_FOUND && emptyBody) {
            Matcher named = NAMED_OBJECT.matcher(path);
            return named.matches()
                    ? status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
                            named.group(1) + " \"" + named.group(2) + "\" not found")
                    : status(HttpURLConnection.HTTP_NOT_FOUND, "NotFound",
                            "the server could not find the requested resource");
        }
        if (!emptyBody && response.header("Content-Type") == null) {
            response.setHeader("Content-Type", JSON);
        }
        if (response.code() == HttpURLConnection.HTTP_OK && !emptyBody) {
            ApiDiscovery.collection(path).ifPresent(collection -> typeList(response,
                    collection.getKey().groupVersion(), collection.getValue().kind() + "List"));
        }
        return response;
    }

    /**
     * The CRUD store answers every list as a generic {@code v1 List}; typed clients (client-go's, as kubectl describe
     * uses) want {@code NamespaceList}, {@code RoleBindingList}..., and decode a generic List as empty.
     */
    private static void typeList(MockResponse response, String apiVersion, String listKind) {
        String body = response.getBody().readUtf8();
        try {
            JsonNode list = JSON_MAPPER.readTree(body);
            if (list instanceof ObjectNode object && "List".equals(object.path("kind").asText())) {
                object.put("apiVersion", apiVersion);
                object.put("kind", listKind);
                body = object.toString();
            }
        } catch (IOException notJson) {
            // sent on unchanged
        }
        response.setBody(body);
    }

    private MockResponse status(int code, String reason, String message) {
        String body = serialization.asJson(new StatusBuilder()
                .withApiVersion("v1")
                .withKind("Status")
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build());
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON).setBody(body);
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
