package dev.runway.provisioning.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "runway.provisioning")
public interface ProvisioningConfig {

    /** Template files on the class path under {@code templates/}, loaded at start. */
    @WithDefault("ephemeral,development,staging,production,postgresql,mariadb,redis")
    List<String> templates();

    /** Hard cap of {@code limit} on the lists of environments, databases and a request's events. */
    @WithDefault("200")
    int maxPageSize();

    /** Page size of those lists when the caller gives no {@code limit}. */
    @WithDefault("50")
    int defaultPageSize();

    Quota quota();

    Reconciler reconciler();

    Postgresql postgresql();

    Mariadb mariadb();

    Redis redis();

    interface Quota {
        @WithDefault("10")
        int environments();

        @WithDefault("20")
        int databases();

        @WithDefault("64000")
        int cpuMillis();

        @WithDefault("131072")
        int memoryMib();
    }

    interface Reconciler {
        /** Period of the level-triggered loop (also read by the scheduler expression). */
        String interval();

        @WithDefault("PT1S")
        Duration backoffBase();

        @WithDefault("PT5M")
        Duration backoffCap();

        /** Failed attempts of one step before the request is marked FAILED (retryable). */
        @WithDefault("8")
        int maxAttempts();

        /** How often a READY environment is re-applied, which repairs drift. */
        @WithDefault("PT5M")
        Duration resync();

        /**
         * Loop workers per tick. Each holds a database connection while it calls Kubernetes or a database server,
         * as do up to four nudges: keep workers + 4 well below the datasource pool (20 by default).
         */
        @WithDefault("4")
        int workers();

        /** Run a request's steps right after it is accepted instead of waiting for the next loop. */
        @WithDefault("true")
        boolean nudge();
    }

    /**
     * A database server of one engine. Without {@code admin-url} there is none: the engine's template is offered as
     * unavailable and requests for it are refused.
     */
    interface Server {
        /** Where the admin connects; the form is the engine's (see each). */
        Optional<String> adminUrl();

        /** Unset: the user named in the admin URL, if any (Redis: the default user). */
        Optional<String> adminUser();

        /** From the environment. */
        Optional<String> adminPassword();

        /** Host and port given to the application in its credentials; unset: those of the admin URL. */
        Optional<String> host();

        OptionalInt port();
    }

    /**
     * The PostgreSQL server databases are provisioned on: {@code admin-url} is the JDBC URL of a database the admin
     * role may connect to, e.g. {@code jdbc:postgresql://db.internal:5432/postgres}. The admin role needs LOGIN
     * CREATEDB CREATEROLE, not SUPERUSER.
     */
    interface Postgresql extends Server {
    }

    /**
     * The MariaDB server databases are provisioned on: {@code admin-url} is a JDBC URL, e.g.
     * {@code jdbc:mariadb://db.internal:3306/}. The admin user needs CREATE USER and, with GRANT OPTION, the
     * privileges it grants.
     */
    interface Mariadb extends Server {
        /** Host part of created users ({@code '%'} = any). */
        @WithDefault("%")
        String userHost();
    }

    /**
     * The Redis server (7+, ACL) tenants are created on: {@code admin-url} is e.g. {@code redis://cache.internal:6379};
     * credentials go in admin-user (an ACL user) and admin-password, not there. The admin needs the ACL commands and
     * SCAN/UNLINK on every key.
     */
    interface Redis extends Server {
    }
}
