package dev.runway.provisioning.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    interface Postgresql {
        @WithDefault("jdbc:postgresql://127.0.0.1:5432/postgres")
        String adminUrl();

        @WithDefault("postgres")
        String adminUser();

        /** From the environment in production; none for trust authentication. */
        Optional<String> adminPassword();

        /** Host and port given to the application in its credentials. */
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5432")
        int port();
    }

    interface Mariadb {
        @WithDefault("jdbc:mariadb://127.0.0.1:3306/")
        String adminUrl();

        @WithDefault("root")
        String adminUser();

        /** From the environment in production; none for trust authentication. */
        Optional<String> adminPassword();

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("3306")
        int port();

        /** Host part of created users ({@code '%'} = any). */
        @WithDefault("%")
        String userHost();
    }

    /** Host and port given to the application; the admin connection is {@code quarkus.redis.hosts}. */
    interface Redis {
        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("6379")
        int port();
    }
}
