package dev.runway.ui.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A catalog-service that hangs: a local socket that accepts every connection and never answers, as a process stuck
 * in a long pause would. The portal's catalog boundary gets a short timeout, a window of {@value #VOLUME} calls and
 * a breaker delay longer than the test, so that once open it stays open.
 */
public class HungCatalog implements QuarkusTestResourceLifecycleManager {
    static final int VOLUME = 4;

    private static final List<Socket> ACCEPTED = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private Thread acceptor;

    /** Connections the portal has opened to the hung catalog so far. */
    static int connections() {
        return ACCEPTED.size();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    ACCEPTED.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "hung-catalog");
        acceptor.setDaemon(true);
        acceptor.start();
        return Map.of("runway.portal.services.catalog", "http://127.0.0.1:" + server.getLocalPort(),
                "runway.boundaries.catalog-service.timeout", "500ms",
                "runway.boundaries.catalog-service.request-volume-threshold", Integer.toString(VOLUME),
                "runway.boundaries.catalog-service.breaker-delay", "10m");
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket s : ACCEPTED) {
                s.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ACCEPTED.clear();
        }
    }
}
