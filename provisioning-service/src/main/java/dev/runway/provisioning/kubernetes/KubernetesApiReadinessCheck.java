package dev.runway.provisioning.kubernetes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;

/**
 * Ready only when the Kubernetes API answers: without it no environment can be provisioned or repaired. Bounded
 * by a short timeout of its own, so a hanging API server makes the probe fail instead of hang.
 */
@Readiness
@ApplicationScoped
public class KubernetesApiReadinessCheck implements HealthCheck {
    static final String NAME = "kubernetes-api";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KubernetesClient client;

    public KubernetesApiReadinessCheck(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME)
                .withData("master", String.valueOf(client.getMasterUrl()));
        CompletableFuture<VersionInfo> version = CompletableFuture.supplyAsync(client::getKubernetesVersion);
        try {
            VersionInfo v = version.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return builder.up().withData("version", v.getGitVersion()).build();
        } catch (TimeoutException e) {
            version.cancel(true);
            return builder.down().withData("error", "no answer within " + TIMEOUT.toSeconds() + "s").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return builder.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return builder.down().withData("error", cause.getClass().getSimpleName()).build();
        }
    }
}
