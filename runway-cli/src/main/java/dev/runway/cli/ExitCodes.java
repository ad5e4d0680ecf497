package dev.runway.cli;

/** The exit codes a CI job can branch on; documented in the README and in {@code runway --help}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server answered and said no: invalid descriptor, unknown entity, conflict, server error. */
    public static final int REJECTED = 1;
    /** The command line itself is wrong (or names a git revision or file that is not there). */
    public static final int USAGE = 2;
    /** No usable credentials, or the server refused them (401) or the caller's roles (403). */
    public static final int AUTH = 3;
    /** A service or the OIDC provider could not be reached. */
    public static final int UNREACHABLE = 4;

    private ExitCodes() {
    }
}
