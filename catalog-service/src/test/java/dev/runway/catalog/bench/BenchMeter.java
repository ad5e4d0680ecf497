package dev.runway.catalog.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * What the catalog benchmark measures beside wall time: latencies into an HdrHistogram (no coordinated-omission
 * correction: one client waits for each answer, so latency is what that client saw) and the CPU time the two
 * processes of a run spent, read from the JVM and from /proc for the PostgreSQL server and its backends. CPU per
 * operation holds up on a shared 2-core machine where wall-clock figures swing by 2-4x with the neighbours' load.
 */
final class BenchMeter {
    private BenchMeter() {
    }

    static Histogram histogram() {
        return new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    }

    static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }

    /** Collections and their summed pause time so far, over every collector of this JVM. */
    record Gc(long count, long millis) {
        static Gc now() {
            long count = 0;
            long millis = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new Gc(count, millis);
        }

        Gc minus(Gc before) {
            return new Gc(count - before.count, millis - before.millis);
        }
    }

    /** CPU nanoseconds used so far by this JVM (the service and the benchmark client) and by PostgreSQL. */
    record Cpu(long jvmNanos, long postgresNanos) {
        static Cpu now(int postgresPort) {
            long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Cpu(jvm, postgresTicks(postgresPort) * (1_000_000_000L / CLOCK_TICKS));
        }

        Cpu minus(Cpu before) {
            return new Cpu(jvmNanos - before.jvmNanos, postgresNanos - before.postgresNanos);
        }
    }

    /** USER_HZ, which /proc/PID/stat counts in: 100 on every Linux the benchmark runs on. */
    private static final long CLOCK_TICKS = 100;

    /**
     * utime + stime of the postmaster listening on the port and of its children (the backends, which stay alive
     * in the connection pools). Backends that exit in between are not counted, so this is a lower bound.
     */
    private static long postgresTicks(int port) {
        Map<Long, long[]> processes = new HashMap<>();
        long postmaster = -1;
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    processes.put(Long.parseLong(name), new long[] { Long.parseLong(f[1]),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]) });
                    String cmd = new String(Files.readAllBytes(dir.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("postgres") && cmd.contains("-p " + port + " ")) {
                        postmaster = Long.parseLong(name);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process exited while being read
                }
            }
        } catch (IOException e) {
            return 0;
        }
        long ticks = 0;
        for (Map.Entry<Long, long[]> p : processes.entrySet()) {
            if (p.getKey() == postmaster || p.getValue()[0] == postmaster) {
                ticks += p.getValue()[1];
            }
        }
        return ticks;
    }
}
