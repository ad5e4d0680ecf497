package dev.runway.common.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.scheduler.Scheduled;

import dev.runway.common.scheduling.ScheduledRuns;

/**
 * Runs the {@link OutboxRelay} on a schedule in services that opt in ({@code runway.outbox.enabled=true} at build
 * time; the service then also needs the quarkus-scheduler extension and the {@link AuditOutbox#DDL} table). Drains
 * everything pending each run; after a failed delivery it waits with exponential backoff before trying again.
 *
 * <p>Settings: {@code runway.outbox.access-url} (default {@code RUNWAY_ACCESS_URL}), {@code runway.outbox.token-url},
 * {@code runway.outbox.client-id}, {@code runway.outbox.client-secret} (the service's own Keycloak client),
 * {@code runway.outbox.batch-size}, {@code runway.outbox.interval}, {@code runway.outbox.backoff-initial},
 * {@code runway.outbox.backoff-max}.
 */
@ApplicationScoped
@IfBuildProperty(name = "runway.outbox.enabled", stringValue = "true")
public class OutboxRelayJob {
    private static final Logger LOG = Logger.getLogger(OutboxRelayJob.class);

    private final OutboxRelay relay;
    private final RelayBackoff backoff;
    private final ScheduledRuns runs;
    private final Clock clock = Clock.systemUTC();
    private int consecutiveFailures;
    private Instant nextAttempt = Instant.MIN;

    public OutboxRelayJob(DataSource dataSource, ObjectMapper json, ScheduledRuns runs,
            @ConfigProperty(name = "runway.outbox.access-url") URI accessUrl,
            @ConfigProperty(name = "runway.outbox.token-url") URI tokenUrl,
            @ConfigProperty(name = "runway.outbox.client-id") String clientId,
            @ConfigProperty(name = "runway.outbox.client-secret") String clientSecret,
            @ConfigProperty(name = "runway.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "runway.outbox.backoff-initial", defaultValue = "1s") Duration backoffInitial,
            @ConfigProperty(name = "runway.outbox.backoff-max", defaultValue = "5m") Duration backoffMax) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.relay = new OutboxRelay(dataSource, new HttpAuditSender(http, accessUrl,
                new ClientCredentialsTokens(http, tokenUrl, clientId, clientSecret, json, clock), json,
                Duration.ofSeconds(30)), json, batchSize);
        this.backoff = new RelayBackoff(backoffInitial, backoffMax);
        this.runs = runs;
    }

    @Scheduled(every = "${runway.outbox.interval:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void run() {
        runs.ran("outbox-relay");
        if (clock.instant().isBefore(nextAttempt)) {
            return;
        }
        try {
            while (relay.relayBatch() == relay.batchSize()) {
                // a full batch: more may be pending
            }
            consecutiveFailures = 0;
            nextAttempt = Instant.MIN;
        } catch (OutboxRelay.DeliveryFailedException | RuntimeException e) {
            consecutiveFailures++;
            Duration wait = backoff.after(consecutiveFailures);
            nextAttempt = clock.instant().plus(wait);
            LOG.warnf("audit outbox relay: %s (attempt %d, next in %s)", e.getMessage(), consecutiveFailures, wait);
        }
    }
}
