package dev.runway.launcher.load;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * A closed loop of {@code clients} threads: each takes a request from the budget, runs the next action of the
 * workload and records its latency, until the budget says stop.
 */
public final class Runner {
    /** One request: its operation name and the call, which answers the status (HTTP status, or "ok" for SQL). */
    public record Action(String operation, Callable<String> call) {
    }

    /** What a client does next; {@code client} is its index, for per-client state (a connection, a user). */
    @FunctionalInterface
    public interface Workload {
        Action next(int client, SplittableRandom random) throws Exception;
    }

    private Runner() {
    }

    public static boolean isSuccess(String status) {
        return status.equals("ok") || status.length() == 3 && status.charAt(0) == '2';
    }

    public static Measurements run(int clients, Budget budget, long seed, Workload workload) throws InterruptedException {
        Measurements m = new Measurements();
        List<Thread> threads = new ArrayList<>();
        SplittableRandom root = new SplittableRandom(seed);
        m.start();
        for (int i = 0; i < clients; i++) {
            int client = i;
            SplittableRandom random = root.split();
            Thread t = new Thread(() -> loop(client, random, budget, workload, m), "load-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        m.stop();
        return m;
    }

    private static void loop(int client, SplittableRandom random, Budget budget, Workload workload, Measurements m) {
        while (budget.tryAcquire()) {
            Action action;
            try {
                action = workload.next(client, random);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                m.record("prepare", 1, "error:" + e.getClass().getSimpleName(), false);
                continue;
            }
            long start = System.nanoTime();
            String status;
            try {
                status = action.call().call();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.io.IOException e) {
                status = "io";
            } catch (java.sql.SQLException e) {
                status = "sql:" + e.getSQLState();
            } catch (Exception e) {
                status = "error:" + e.getClass().getSimpleName();
            }
            m.record(action.operation(), (System.nanoTime() - start) / 1000, status, isSuccess(status));
        }
    }
}
