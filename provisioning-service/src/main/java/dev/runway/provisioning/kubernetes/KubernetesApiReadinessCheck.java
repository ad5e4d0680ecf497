package dev.runway.provisioning.kubernetes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Ready only when the Kubernetes API answers: without it no environment can be provisioned or repaired. Bounded
 * by a short timeout of its own, so a hanging API server makes the probe fail instead of hang.
 * <p>
 * The health endpoints answer anyone, so the response is the name and status only: the API server's URL, its
 * version and the error are internal and go to the log.
 */
@Readiness
@ApplicationScoped
public class KubernetesApiReadinessCheck implements HealthCheck {
    static final String NAME = "kubernetes-api";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final Logger LOG = Logger.getLogger(KubernetesApiReadinessCheck.class);

    private final KubernetesClient client;

    public KubernetesApiReadinessCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        CompletableFuture<?> version = CompletableFuture.supplyAsync(client::getKubernetesVersion);
        try {
            version.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return HealthCheckResponse.up(NAME);
        } catch (TimeoutException e) {
            version.cancel(true);
            return down("no answer within " + TIMEOUT.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        } catch (Exception e) {
            return down(String.valueOf(e.getCause() == null ? e : e.getCause()));
        }
    }

    private HealthCheckResponse down(String why) {
        LOG.warnf("Kubernetes API at %s is not ready: %s", client.getMasterUrl(), why);
        return HealthCheckResponse.down(NAME);
    }
}
