package dev.runway.launcher.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of each part of the platform while a phase runs: CPU from utime+stime before and after, RSS sampled
 * every second (peak kept). The parts are found through bin/runway's pid files.
 */
public final class ResourceMonitor implements AutoCloseable {
    public static final List<String> PARTS = List.of("catalog-service", "provisioning-service", "access-service",
            "portal-ui", "keycloak", "postgres");

    public record Usage(int pid, double cpuSeconds, long rssBeforeKib, long rssAfterKib, long peakRssKib) {
    }

    private final ProcStats proc;
    private final Map<String, Integer> pids = new LinkedHashMap<>();
    private final Map<String, ProcStats.Sample> before = new LinkedHashMap<>();
    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final long ticksPerSecond;
    private final Thread sampler;
    private int postmaster;
    private volatile boolean running = true;

    /**
     * @param postmasterPid PostgreSQL's postmaster file: pg_ctl daemonizes the server, so its processes are not
     *                      children of the launcher JVM that bin/runway's pid file names; their tree is added to it
     */
    public ResourceMonitor(Path pidDirectory, Path postmasterPid, ProcStats proc, long ticksPerSecond) {
        this.proc = proc;
        this.ticksPerSecond = ticksPerSecond;
        for (String part : PARTS) {
            readPid(pidDirectory.resolve(part + ".pid")).ifPresent(pid -> pids.put(part, pid));
            // `up --replicas N` names the instances of a service part-1 .. part-N, with HAProxy (lb) in front
            for (int i = 1; i <= 9; i++) {
                String replica = part + "-" + i;
                readPid(pidDirectory.resolve(replica + ".pid")).ifPresent(pid -> pids.put(replica, pid));
            }
        }
        readPid(pidDirectory.resolve("lb.pid")).ifPresent(pid -> pids.put("lb", pid));
        if (pids.containsKey("postgres")) {
            readPid(postmasterPid).ifPresent(pid -> postmaster = pid);
        }
        pids.forEach((part, pid) -> {
            ProcStats.Sample s = sample(part, pid);
            before.put(part, s);
            peak.put(part, s.rssKib());
        });
        sampler = new Thread(this::sampleEverySecond, "load-rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private ProcStats.Sample sample(String part, int pid) {
        ProcStats.Sample s = proc.sampleTree(pid);
        if (part.equals("postgres") && postmaster > 0) {
            ProcStats.Sample server = proc.sampleTree(postmaster);
            s = new ProcStats.Sample(s.processes() + server.processes(), s.rssKib() + server.rssKib(),
                    s.cpuTicks() + server.cpuTicks());
        }
        return s;
    }

    /** The first line of a pid file (postmaster.pid has more lines after it). */
    private static java.util.Optional<Integer> readPid(Path file) {
        try {
            return java.util.Optional.of(Integer.parseInt(Files.readString(file).lines().findFirst().orElse("").trim()));
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private void sampleEverySecond() {
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            pids.forEach((part, pid) -> peak.merge(part, sample(part, pid).rssKib(), Math::max));
        }
    }

    public Map<String, Usage> finish() {
        close();
        Map<String, Usage> usage = new LinkedHashMap<>();
        pids.forEach((part, pid) -> {
            ProcStats.Sample after = sample(part, pid);
            ProcStats.Sample b = before.get(part);
            usage.put(part, new Usage(pid, Math.max(0, after.cpuTicks() - b.cpuTicks()) / (double) ticksPerSecond,
                    b.rssKib(), after.rssKib(), Math.max(peak.get(part), after.rssKib())));
        });
        return usage;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    /** USER_HZ; 100 on every Linux this runs on, asked of getconf where it is there. */
    public static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
