package dev.runway.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatsTest {
    // A real line of /proc/PID/stat, with a command name holding a space and a parenthesis.
    static String stat(int pid, String comm, int ppid, long utime, long stime) {
        return pid + " (" + comm + ") S " + ppid + " 100 100 0 -1 4194560 12345 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 42 0 123456 3000000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17"
                + " 1 0 0 0 0 0\n";
    }

    static String status(long rssKib) {
        return "Name:\tjava\nState:\tS (sleeping)\nVmPeak:\t 9000000 kB\nVmRSS:\t  " + rssKib + " kB\nThreads:\t42\n";
    }

    @Test
    void readsCpuTicksAndParentAfterAnAwkwardCommandName() {
        String line = stat(4242, "postgres: wal (writer)", 17, 1234, 567);
        assertEquals(1234 + 567, ProcStats.cpuTicks(line));
        assertEquals(17, ProcStats.parentPid(line));
    }

    @Test
    void readsVmRssAndZeroWithoutIt() {
        assertEquals(524288, ProcStats.vmRssKib(status(524288)));
        assertEquals(0, ProcStats.vmRssKib("Name:\tkthreadd\nState:\tS (sleeping)\n"));
    }

    @Test
    void sumsAProcessAndAllItsDescendantsButNothingElse(@TempDir Path proc) throws IOException {
        process(proc, 100, "java", 1, 1000, 100, 200_000);
        process(proc, 101, "postgres", 100, 50, 50, 30_000);
        process(proc, 102, "postgres: checkpointer", 101, 5, 5, 10_000);
        process(proc, 200, "other", 1, 9999, 9999, 999_999);
        Files.createDirectories(proc.resolve("self"));

        ProcStats.Sample sample = new ProcStats(proc).sampleTree(100);

        assertEquals(3, sample.processes());
        assertEquals(240_000, sample.rssKib());
        assertEquals(1210, sample.cpuTicks());
        assertEquals(0, new ProcStats(proc).sampleTree(999).processes());
    }

    private static void process(Path proc, int pid, String comm, int ppid, long utime, long stime, long rss)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, comm, ppid, utime, stime));
        Files.writeString(dir.resolve("status"), status(rss));
    }
}
