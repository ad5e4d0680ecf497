package dev.runway.provisioning.driver;

/**
 * Provisions databases on one engine's server. Every operation checks before it acts, so running it again
 * after a crash at any point is safe; failures are {@link ExternalFailure}s with safe messages. Passwords are
 * handed over as {@code char[]} and never appear in SQL text, logs or error messages.
 */
public interface DatabaseDriver {

    /** The database template id this driver serves (postgresql, mariadb, redis). */
    String engine();

    /** Whether a server of this engine is configured. Without one every operation fails and requests are refused. */
    boolean configured();

    /** Creates the login (role, user, ACL user) or brings an existing one to the given password and limits. */
    void ensureAccount(DatabaseSpec spec, char[] password);

    /** Creates the database owned by the account, if absent. */
    void ensureDatabase(DatabaseSpec spec);

    /** Restricts access to the account alone. */
    void ensureGrants(DatabaseSpec spec);

    void setPassword(DatabaseSpec spec, char[] password);

    /**
     * How the ownership or grants of a provisioned database differ from what {@link #ensureDatabase} and
     * {@link #ensureGrants} set, if they do; the resync repairs them. Engines that cannot tell report none.
     */
    default java.util.Optional<String> drift(DatabaseSpec spec) {
        return java.util.Optional.empty();
    }

    /** Removes the database and its data, if present. */
    void dropDatabase(DatabaseSpec spec);

    /** Removes the account, if present. */
    void dropAccount(DatabaseSpec spec);

    ConnectionInfo connectionInfo(DatabaseSpec spec);

    /** Why a request for an engine without a server is refused, and a stored one fails. */
    static String noServer(String engine) {
        return "no " + engine + " server is configured for this platform";
    }

    static ExternalFailure noServerFailure(String engine) {
        return new ExternalFailure(noServer(engine), false, null);
    }
}
