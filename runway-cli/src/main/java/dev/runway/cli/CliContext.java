package dev.runway.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Everything a command touches outside itself: environment, terminal, network, clock, working directory.
 * Commands read these only from here, so that tests run them against a test server, a temporary
 * configuration directory and a clock that moves when the command sleeps.
 */
public final class CliContext {
    /** Waits between polls of the token endpoint; tests replace it with a clock that jumps. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Reads what the user types; a secret is read without echo when there is a terminal. */
    public interface Prompter {
        String readLine(String prompt) throws IOException;

        char[] readSecret(String prompt) throws IOException;
    }

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Prompter prompter;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Path workDir;
    private final Path userHome;

    public CliContext(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, Prompter prompter,
            HttpClient http,            Clock clock, Sleeper sleeper, Path workDir, Path userHome) {
        this.env = Map.copyOf(env);
        this.in = in;
        this.out = out;
        this.err = err;
        this.prompter = prompter;
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
        this.workDir = workDir;
        this.userHome = userHome;
    }

    /** The real process: its environment, stdout/stderr, the console and the system clock. */
    public static CliContext system() {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return new CliContext(System.getenv(), System.in, out, err, systemPrompter(err), httpClient(),
                Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")));
    }

    /** HTTP/1.1: no h2c upgrade attempt on plain-http URLs, which some proxies in front of services mishandle. */
    public static HttpClient httpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static Prompter systemPrompter(PrintWriter err) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new Prompter() {
            @Override
            public String readLine(String prompt) throws IOException {
                Console console = System.console();
                if (console != null) {
                    return console.readLine("%s", prompt);
                }
                err.print(prompt);
                err.flush();
                return stdin.readLine();
            }

            @Override
            public char[] readSecret(String prompt) throws IOException {
                Console console = System.console();
                if (console != null) {
                    return console.readPassword("%s", prompt);
                }
                String line = readLine(prompt);
                return line == null ? null : line.toCharArray();
            }
        };
    }

    /** An environment variable, or null when unset or blank. */
    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** {@code $XDG_CONFIG_HOME/runway}, or {@code ~/.config/runway}. */
    public Path configDir() {
        String xdg = env("XDG_CONFIG_HOME");
        return (xdg != null ? Path.of(xdg) : userHome.resolve(".config")).resolve("runway");
    }

    public InputStream in() {
        return in;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Prompter prompter() {
        return prompter;
    }

    public HttpClient http() {
        return http;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    public Path workDir() {
        return workDir;
    }
}
