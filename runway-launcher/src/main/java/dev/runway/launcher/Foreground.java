package dev.runway.launcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a started service in the foreground: announces it with one {@code READY} line on stdout, then waits until
 * the JVM is asked to stop (SIGTERM, SIGINT, SIGHUP), which closes the service from a shutdown hook, or until the
 * service stops by itself.
 */
public final class Foreground {

    private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);

    private Foreground() {
    }

    /**
     * @param service        already started; its {@code close()} must be idempotent
     * @param readyLine      printed on stdout after {@code "READY "}
     * @param unexpectedExit completes with a reason if the service stops by itself
     * @return the exit code, returned only when the service stopped by itself
     */
    public static int run(AutoCloseable service, String readyLine, CompletableFuture<String> unexpectedExit) {
        // start-up garbage (the unpacked PostgreSQL binaries went through the heap) would otherwise stay resident
        // for the whole session: a full collection lets the JVM give that memory back
        System.gc();
        Thread hook = new Thread(() -> close(service), "runway-launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        System.out.println("READY " + readyLine);
        System.out.flush();

        try {
            LOG.error("stopping: {}", unexpectedExit.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("stopping", e.getCause());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shutdownInProgress) {
            return 1;
        }
        close(service);
        return 1;
    }

    private static void close(AutoCloseable service) {
        try {
            service.close();
        } catch (Exception e) {
            LOG.error("clean shutdown failed", e);
        }
    }
}
