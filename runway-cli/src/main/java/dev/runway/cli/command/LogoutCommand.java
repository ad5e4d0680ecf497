package dev.runway.cli.command;

import java.net.URI;
import java.util.concurrent.Callable;

import dev.runway.cli.CliContext;
import dev.runway.cli.HelpOption;
import dev.runway.cli.CliException;
import dev.runway.cli.auth.OidcClient;
import dev.runway.cli.auth.StoredCredentials;
import dev.runway.cli.auth.TokenCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "logout", description = {
    "Forget the cached login and revoke its refresh token at the OIDC provider.",
    "Best effort: the local credentials are deleted even when the provider",
    "cannot be reached." })
public final class LogoutCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Mixin
    HelpOption help;

    public LogoutCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        TokenCache cache = new TokenCache(ctx.configDir());
        StoredCredentials stored;
        try {
            stored = cache.load();
        } catch (CliException unreadable) {
            stored = null;
        }
        if (stored != null && stored.refreshToken() != null && stored.issuer() != null) {
            try {
                if (!new OidcClient(ctx, URI.create(stored.issuer())).revoke(stored.refreshToken())) {
                    ctx.err().println("runway: the provider did not confirm the revocation; the refresh token"
                            + " stays valid there until it expires");
                }
            } catch (CliException | IllegalArgumentException e) {
                ctx.err().println("runway: could not revoke the refresh token (" + e.getMessage()
                        + "); it stays valid there until it expires");
            }
        }
        if (cache.delete()) {
            ctx.out().println("Logged out" + (stored != null && stored.username() != null
                    ? " " + stored.username() : "") + "; removed " + cache.file());
        } else {
            ctx.out().println("Not logged in.");
        }
        return 0;
    }
}
