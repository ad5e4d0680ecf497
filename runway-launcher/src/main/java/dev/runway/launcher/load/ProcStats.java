package dev.runway.launcher.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Memory and CPU of a process and its descendants from /proc: a part that bin/runway starts may be a wrapper whose
 * work happens in children (PostgreSQL's backends under the launcher JVM, Keycloak under its script).
 */
public final class ProcStats {
    private final Path proc;

    public ProcStats(Path proc) {
        this.proc = proc;
    }

    /** Resident set of one process in KiB, from the VmRSS line of /proc/PID/status; 0 for a kernel thread. */
    public static long vmRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /**
     * The fields of /proc/PID/stat after the command name. The name is in parentheses and may itself contain spaces
     * and parentheses, so the fields start after the last ')'. Index 0 is field 3 (state) of proc(5).
     */
    static String[] fieldsAfterComm(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line");
        }
        return stat.substring(close + 1).trim().split("\\s+");
    }

    /** utime + stime (fields 14 and 15), in clock ticks. */
    public static long cpuTicks(String stat) {
        String[] f = fieldsAfterComm(stat);
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Field 4. */
    public static int parentPid(String stat) {
        return Integer.parseInt(fieldsAfterComm(stat)[1]);
    }

    public record Sample(int processes, long rssKib, long cpuTicks) {
    }

    /** The root and every live descendant; processes that exit while being read are skipped. */
    public Sample sampleTree(int root) {
        Map<Integer, List<Integer>> children = new HashMap<>();
        Map<Integer, String> stats = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("[0-9]+"))) {
            for (Path dir : dirs) {
                String stat = read(dir.resolve("stat"));
                if (stat == null) {
                    continue;
                }
                int pid = Integer.parseInt(dir.getFileName().toString());
                stats.put(pid, stat);
                children.computeIfAbsent(parentPid(stat), k -> new ArrayList<>()).add(pid);
            }
        } catch (IOException e) {
            return new Sample(0, 0, 0);
        }
        if (!stats.containsKey(root)) {
            return new Sample(0, 0, 0);
        }
        Set<Integer> tree = new LinkedHashSet<>();
        Deque<Integer> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            int pid = todo.pop();
            if (tree.add(pid)) {
                todo.addAll(children.getOrDefault(pid, List.of()));
            }
        }
        long rss = 0;
        long ticks = 0;
        int counted = 0;
        for (int pid : tree) {
            String status = read(proc.resolve(Integer.toString(pid)).resolve("status"));
            if (status == null) {
                continue;
            }
            rss += vmRssKib(status);
            ticks += cpuTicks(stats.get(pid));
            counted++;
        }
        return new Sample(counted, rss, ticks);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
