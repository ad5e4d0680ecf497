package dev.runway.launcher.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The discovery documents of the sandbox (legacy, non-aggregated discovery), which kubectl and client-go need before
 * any {@code kubectl get}: {@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/GROUP} and
 * {@code /apis/GROUP/VERSION}. Only the kinds Runway provisions or reads are listed; the CRUD store below accepts
 * any path, but kubectl resolves only the kinds listed here.
 */
final class ApiDiscovery {

    /** The Kubernetes release the sandbox claims to be: the one fabric8 7.3's model was generated from. */
    static final String MAJOR = "1";
    static final String MINOR = "33";

    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> NO_COLLECTION_DELETE =
            List.of("create", "delete", "get", "list", "patch", "update", "watch");

    record Kind(String plural, String singular, String kind, boolean namespaced, List<String> shortNames,
                List<String> categories) {

        /** Listed by {@code kubectl get all}. */
        Kind inCategoryAll() {
            return new Kind(plural, singular, kind, namespaced, shortNames, List.of("all"));
        }

        APIResource toApiResource() {
            return new APIResourceBuilder()
                    .withName(plural)
                    .withSingularName(singular)
                    .withKind(kind)
                    .withNamespaced(namespaced)
                    .withVerbs(plural.equals("namespaces") ? NO_COLLECTION_DELETE : ALL_VERBS)
                    .withShortNames(shortNames.isEmpty() ? null : shortNames)
                    .withCategories(categories.isEmpty() ? null : categories)
                    .build();
        }
    }

    /** {@code group} is empty for the core ("legacy") group served under /api. */
    record GroupVersion(String group, String version, List<Kind> kinds) {

        String groupVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        String path() {
            return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        }
    }

    static final List<GroupVersion> SERVED = List.of(
            new GroupVersion("", "v1", List.of(
                    namespaced("configmaps", "ConfigMap", "cm"),
                    namespaced("events", "Event", "ev"),
                    namespaced("limitranges", "LimitRange", "limits"),
                    clusterScoped("namespaces", "Namespace", "ns"),
                    namespaced("pods", "Pod", "po").inCategoryAll(),
                    namespaced("resourcequotas", "ResourceQuota", "quota"),
                    namespaced("secrets", "Secret", null),
                    namespaced("serviceaccounts", "ServiceAccount", "sa"),
                    namespaced("services", "Service", "svc").inCategoryAll())),
            new GroupVersion("apps", "v1", List.of(
                    namespaced("deployments", "Deployment", "deploy").inCategoryAll())),
            new GroupVersion("networking.k8s.io", "v1", List.of(
                    namespaced("networkpolicies", "NetworkPolicy", "netpol"))),
            new GroupVersion("rbac.authorization.k8s.io", "v1", List.of(
                    clusterScoped("clusterrolebindings", "ClusterRoleBinding", null),
                    clusterScoped("clusterroles", "ClusterRole", null),
                    namespaced("rolebindings", "RoleBinding", null),
                    namespaced("roles", "Role", null))));

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Map<String, String> documents = new LinkedHashMap<>();
    private final Supplier<String> serverAddress;

    /** @param serverAddress host:port of the server, known once it listens */
    ApiDiscovery(Supplier<String> serverAddress) {
        this.serverAddress = serverAddress;
        documents.put("/version", serialization.asJson(version()));
        List<APIGroup> groups = SERVED.stream()
                .filter(gv -> !gv.group().isEmpty())
                .map(ApiDiscovery::apiGroup)
                .toList();
        documents.put("/apis", serialization.asJson(new APIGroupListBuilder().withGroups(groups).build()));
        groups.forEach(group -> documents.put("/apis/" + group.getName(), serialization.asJson(group)));
        SERVED.forEach(gv -> documents.put(gv.path(), serialization.asJson(new APIResourceListBuilder()
                .withGroupVersion(gv.groupVersion())
                .withResources(gv.kinds().stream().map(Kind::toApiResource).toList())
                .build())));
    }

    /** The JSON document served at {@code path} (no query string), if it is one of the discovery documents. */
    Optional<String> document(String path) {
        if (path.equals("/api")) {
            return Optional.of(serialization.asJson(new APIVersionsBuilder()
                    .withVersions("v1")
                    .addNewServerAddressByClientCIDR("0.0.0.0/0", serverAddress.get())
                    .build()));
        }
        return Optional.ofNullable(documents.get(path));
    }

    /**
     * Whether {@code path} has the shape of a discovery document ({@code /api/V}, {@code /apis/G}, {@code /apis/G/V}):
     * for a group or version that is not served it must be a 404, never a CRUD list.
     */
    static boolean isDiscoveryPath(String path) {
        String[] segments = path.split("/");
        // "/api/v1" splits into ["", "api", "v1"]
        return (segments.length == 3 && segments[1].equals("api"))
                || ((segments.length == 3 || segments.length == 4) && segments[1].equals("apis"));
    }

    /**
     * The served group-version and kind whose collection {@code path} is ({@code /api/v1/pods},
     * {@code /apis/apps/v1/namespaces/x/deployments}), if it is one.
     */
    static Optional<Map.Entry<GroupVersion, Kind>> collection(String path) {
        for (GroupVersion gv : SERVED) {
            if (!path.startsWith(gv.path() + "/")) {
                continue;
            }
            String[] rest = path.substring(gv.path().length() + 1).split("/");
            boolean collection = rest.length == 1 || (rest.length == 3 && rest[0].equals("namespaces"));
            if (!collection) {
                return Optional.empty();
            }
            String plural = rest[rest.length - 1];
            return gv.kinds().stream()
                    .filter(kind -> kind.plural().equals(plural) && (rest.length == 1 || kind.namespaced()))
                    .findFirst()
                    .map(kind -> Map.entry(gv, kind));
        }
        return Optional.empty();
    }

    /** Collection paths of every served namespaced kind in {@code namespace}, to empty a deleted namespace. */
    static List<String> namespacedCollections(String namespace) {
        return SERVED.stream()
                .flatMap(gv -> gv.kinds().stream()
                        .filter(Kind::namespaced)
                        .map(kind -> gv.path() + "/namespaces/" + namespace + "/" + kind.plural()))
                .toList();
    }

    private static APIGroup apiGroup(GroupVersion gv) {
        GroupVersionForDiscovery version = new GroupVersionForDiscovery(gv.groupVersion(), gv.version());
        return new APIGroupBuilder()
                .withName(gv.group())
                .withVersions(version)
                .withPreferredVersion(version)
                .build();
    }

    private static Map<String, String> version() {
        Map<String, String> version = new LinkedHashMap<>();
        version.put("major", MAJOR);
        version.put("minor", MINOR);
        version.put("gitVersion", "v" + MAJOR + "." + MINOR + ".0-runway-sandbox");
        version.put("gitCommit", "0000000000000000000000000000000000000000");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2025-01-01T00:00:00Z");
        version.put("goVersion", "go1.24");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }

    private static Kind namespaced(String plural, String kind, String shortName) {
        return new Kind(plural, kind.toLowerCase(), kind, true, shortName == null ? List.of() : List.of(shortName),
                List.of());
    }

    private static Kind clusterScoped(String plural, String kind, String shortName) {
        return new Kind(plural, kind.toLowerCase(), kind, false, shortName == null ? List.of() : List.of(shortName),
                List.of());
    }
}
