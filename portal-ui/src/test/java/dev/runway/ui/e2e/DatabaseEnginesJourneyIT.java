package dev.runway.ui.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

/**
 * The README's database journey on the platform {@code bin/runway up} runs, with nothing but what the launcher
 * started: an environment, then a PostgreSQL, a MariaDB and a Redis database in it, each READY and each usable with
 * the credentials the portal shows once, through the engine's own command-line client (psql, mariadb, redis-cli).
 * A wrong password is refused by each server, so the credentials are what lets the client in.
 */
class DatabaseEnginesJourneyIT {
    private static Browser browser;

    @BeforeAll
    static void platformAndBrowser() throws Exception {
        RunningPlatform.ensureUp();
        browser = new Browser("database-engines");
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aliceGetsAPostgresqlAMariadbAndARedisDatabaseAndConnectsToEachWithTheCredentialsShownOnce() throws Exception {
        Page page = browser.newUser();
        SignInJourneyIT.signIn(page, "alice");
        page.navigate(RunningPlatform.PORTAL + "/environments");
        page.click("text=Request an environment");
        page.click("#templates >> a:text-is('ephemeral')");
        String env = ProvisioningJourneyIT.unique("engines-");
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(env);
        page.click("button:text('Request environment')");
        assertThat(page.locator("#state")).hasText("READY", ProvisioningJourneyIT.PROVISIONED);
        String environmentPage = page.url();

        List<String> timings = new ArrayList<>();
        Map<String, String> databasePages = new LinkedHashMap<>();
        for (String engine : List.of("postgresql", "mariadb", "redis")) {
            page.navigate(environmentPage);
            page.click("text=Add a database to this environment");
            page.click("#templates >> a:text-is('" + engine + "')");
            String name = engine.substring(0, 2) + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
            page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill(name);
            long requested = System.nanoTime();
            page.click("button:text('Request database')");
            assertThat(page.locator("h1")).containsText("Database " + name);
            assertThat(page.locator("#state")).hasText("READY", ProvisioningJourneyIT.PROVISIONED);
            double seconds = (System.nanoTime() - requested) / 1e9;
            databasePages.put(name, page.url());

            page.click("button:text('Show credentials')");
            assertThat(page.locator("#cred-password")).not().isEmpty();
            Credentials c = new Credentials(text(page, "#cred-host"), text(page, "#cred-port"),
                    text(page, "#cred-database"), text(page, "#cred-username"), text(page, "#cred-password"));
            String marker = "written-by-" + name;
            assertEquals(marker, connect(engine, c, c.password(), marker).strip(),
                    engine + ": the client connects with the credentials shown and reads back what it wrote");
            Client wrong = run(engine, c, c.password() + "x", marker);
            assertNotEquals(0, wrong.exit(), engine + ": a wrong password is refused: " + wrong.output());
            timings.add("%s %.1f s".formatted(engine, seconds));
        }
        System.out.println("JOURNEY database engines, request to READY in the portal: " + String.join(", ", timings));

        for (Map.Entry<String, String> database : databasePages.entrySet()) {
            page.navigate(database.getValue());
            page.click("button:text('Delete " + database.getKey() + "')");
            assertThat(page.locator("#state")).hasText("DELETED", ProvisioningJourneyIT.PROVISIONED);
        }
        page.navigate(environmentPage);
        page.click("button:text('Delete " + env + "')");
        assertThat(page.locator("#state")).hasText("DELETED", ProvisioningJourneyIT.PROVISIONED);
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).innerText().strip();
    }

    private record Credentials(String host, String port, String database, String username, String password) {
    }

    private record Client(int exit, String output) {
    }

    /** Writes {@code marker} through the engine's own client and reads it back; fails unless the client succeeds. */
    private static String connect(String engine, Credentials c, String password, String marker) throws Exception {
        Client client = run(engine, c, password, marker);
        assertEquals(0, client.exit(), engine + " client failed: " + client.output());
        return client.output();
    }

    private static Client run(String engine, Credentials c, String password, String marker) throws Exception {
        List<String> command;
        Map<String, String> env;
        switch (engine) {
            case "postgresql" -> {
                command = List.of("psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", c.host(), "-p", c.port(),
                        "-U", c.username(), "-d", c.database(), "-c", "CREATE TABLE IF NOT EXISTS probe (v text)",
                        "-c", "INSERT INTO probe VALUES ('" + marker + "')", "-c", "SELECT v FROM probe");
                env = Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10");
            }
            case "mariadb" -> {
                command = List.of("mariadb", "--protocol=TCP", "-h", c.host(), "-P", c.port(), "-u", c.username(),
                        "-N", "-B", c.database(), "-e", "CREATE TABLE IF NOT EXISTS probe (v varchar(64)); "
                                + "INSERT INTO probe VALUES ('" + marker + "'); SELECT v FROM probe;");
                env = Map.of("MYSQL_PWD", password);
            }
            case "redis" -> {
                // An ACL user may touch only keys under its own prefix
                String key = c.username() + ":probe";
                command = List.of("sh", "-c", "redis-cli --no-auth-warning -h \"$1\" -p \"$2\" --user \"$3\" -e SET \"$4\" \"$5\""
                        + " >/dev/null && redis-cli --no-auth-warning -h \"$1\" -p \"$2\" --user \"$3\" -e GET \"$4\"", "redis",
                        c.host(), c.port(), c.username(), key, marker);
                env = Map.of("REDISCLI_AUTH", password);
            }
            default -> throw new IllegalArgumentException(engine);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), engine + " client did not finish");
        return new Client(process.exitValue(), readAll(process));
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
