package dev.runway.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the CLI in-process with a given environment, a temporary home, typed answers for prompts and a clock
 * that only moves when the CLI sleeps; captures stdout, stderr and the exit code.
 */
final class TestCli {
    static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    final Map<String, String> env = new HashMap<>();
    final Deque<String> typed = new ArrayDeque<>();
    final List<Duration> sleeps = new ArrayList<>();
    final MovingClock clock = new MovingClock(START);
    final Path home;
    Path workDir;
    String stdin = "";

    String out;
    String err;

    TestCli(Path home) {
        this.home = home;
        this.workDir = home;
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    TestCli pointedAt(TestDouble server) {
        env.put("RUNWAY_OIDC_URL", server.issuer());
        env.put("RUNWAY_CATALOG_URL", server.url());
        env.put("RUNWAY_ACCESS_URL", server.url());
        return this;
    }

    Path credentials() {
        return home.resolve("config").resolve("runway").resolve("credentials.json");
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext.Prompter prompter = new CliContext.Prompter() {
            @Override
            public String readLine(String prompt) {
                return typed.poll();
            }

            @Override
            public char[] readSecret(String prompt) {
                String s = typed.poll();
                return s == null ? null : s.toCharArray();
            }
        };
        CliContext ctx = new CliContext(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(o, true), new PrintWriter(e, true), prompter, CliContext.httpClient(), clock,
                d -> {
                    sleeps.add(d);
                    clock.advance(d);
                }, workDir, home);
        int code = RunwayCli.run(ctx, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
