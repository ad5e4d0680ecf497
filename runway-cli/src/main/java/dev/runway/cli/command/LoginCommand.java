package dev.runway.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.CliException;
import dev.runway.cli.ConnectionOptions;
import dev.runway.cli.auth.OAuthException;
import dev.runway.cli.auth.OidcClient;
import dev.runway.cli.auth.StoredCredentials;
import dev.runway.cli.auth.TokenCache;
import dev.runway.cli.auth.TokenProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "login", description = {
    "Log in with the runway-cli client and cache the tokens.",
    "By default with the device flow: open the printed URL in any browser and",
    "enter the code. With --password: the resource-owner password grant, with",
    "username and password from the options, RUNWAY_USERNAME/RUNWAY_PASSWORD",
    "or a prompt." })
public final class LoginCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    HelpOption help;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--password", description = "log in with username and password instead of the device flow")
    boolean password;

    @Option(names = { "-u", "--username" }, paramLabel = "NAME",
            description = "username for --password (env RUNWAY_USERNAME, else prompted)")
    String username;

    public LoginCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        URI issuer = connection.oidc(ctx);
        OidcClient oidc = new OidcClient(ctx, issuer);
        PrintWriter out = ctx.out();
        OidcClient.Tokens tokens;
        String user = null;
        try {
            if (password) {
                user = username != null ? username : ctx.env("RUNWAY_USERNAME");
                if (user == null) {
                    user = ctx.prompter().readLine("Username: ");
                }
                if (user == null || user.isBlank()) {
                    throw CliException.usage("no username given");
                }
                String fromEnv = ctx.env("RUNWAY_PASSWORD");
                char[] secret = fromEnv != null ? fromEnv.toCharArray() : ctx.prompter().readSecret("Password: ");
                if (secret == null || secret.length == 0) {
                    throw CliException.usage("no password given");
                }
                try {
                    tokens = oidc.password(user.strip(), secret);
                } finally {
                    Arrays.fill(secret, '\0');
                }
            } else {
                OidcClient.DeviceAuthorization device = oidc.startDeviceAuthorization();
                out.println("To log in, open this page in a browser:");
                out.println();
                out.println("  " + device.verificationUri());
                out.println();
                out.println("and enter the code  " + device.userCode());
                if (device.verificationUriComplete() != null) {
                    out.println("(or open " + device.verificationUriComplete() + " directly)");
                }
                out.println();
                out.println("Waiting for approval ...");
                out.flush();
                tokens = oidc.awaitDeviceApproval(device, interval -> ctx.err()
                        .println("runway: the provider asked to poll more slowly; now every "
                                + interval.toSeconds() + "s"));
            }
        } catch (OAuthException e) {
            throw CliException.auth("login failed: " + e.getMessage());
        }
        Instant now = ctx.clock().instant();
        StoredCredentials stored = tokens.toStored(issuer.toString(), now, user);
        TokenCache cache = new TokenCache(ctx.configDir());
        cache.save(stored);
        out.println("Logged in as " + (stored.username() == null ? "(unknown user)" : stored.username()) + " at "
                + issuer + "; credentials saved in " + cache.file());
        if (ctx.env(TokenProvider.TOKEN_VARIABLE) != null) {
            ctx.err().println("runway: note: " + TokenProvider.TOKEN_VARIABLE
                    + " is set and takes precedence over this login");
        }
        return 0;
    }
}
