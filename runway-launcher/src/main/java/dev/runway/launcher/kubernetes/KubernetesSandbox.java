package dev.runway.launcher.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Kubernetes API for machines without a cluster: fabric8's mock server in CRUD mode (objects are stored and
 * listed, in memory, nothing is scheduled or reconciled) behind {@link SandboxDispatcher}, on plain http on
 * 127.0.0.1.
 */
public final class KubernetesSandbox implements AutoCloseable {

    /** The namespaces every cluster starts with. */
    static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSandbox.class);

    private final MockWebServer server;
    private final ScheduledExecutorService housekeeping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KubernetesSandbox(MockWebServer server, ScheduledExecutorService housekeeping) {
        this.server = server;
        this.housekeeping = housekeeping;
    }

    /** Starts the sandbox on 127.0.0.1:{@code port}; port 0 picks a free one. */
    public static KubernetesSandbox start(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        MockWebServer server = new MockWebServer();
        SandboxDispatcher dispatcher = new SandboxDispatcher(
                new ApiDiscovery(() -> loopback.getHostAddress() + ":" + server.getPort()),
                new SandboxStore());
        INITIAL_NAMESPACES.forEach(name -> createNamespace(dispatcher, name));
        server.setDispatcher(dispatcher);
        server.start(loopback, port);

        // MockWebServer keeps every request for test assertions: a long-running sandbox must drop them
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "k8s-sandbox-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(server::reset, 1, 1, TimeUnit.MINUTES);
        return new KubernetesSandbox(server, housekeeping);
    }

    public int port() {
        return server.getPort();
    }

    public String url() {
        return "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    private static void createNamespace(SandboxDispatcher dispatcher, String name) {
        String body = new KubernetesSerialization().asJson(
                new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
        dispatcher.dispatch(new RecordedRequest("HTTP/1.1", HttpMethod.POST, "/api/v1/namespaces",
                Headers.builder().add("Content-Type", "application/json").build(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        housekeeping.shutdownNow();
        server.shutdown();
        LOG.info("Kubernetes sandbox on port {} stopped", port());
    }
}
