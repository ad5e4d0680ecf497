package dev.runway.provisioning.client;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.runway.common.resilience.Boundaries;
import dev.runway.common.resilience.Boundary;
import dev.runway.provisioning.driver.ExternalFailure;

/**
 * {@link CatalogGateway} over catalog-service's REST API. Every failure is retryable: the reconciler keeps trying
 * with its backoff, and the catalog never holds back the request's own state.
 *
 * <p>Each call crosses the {@link Boundaries#CATALOG_SERVICE} boundary (a timeout and a circuit breaker), so a hung
 * catalog-service fails a step at once instead of holding the reconciler for the read timeout. The upsert as a whole
 * is idempotent, and so are its create (a repeat answers 409 and becomes a replace), read and delete, which are
 * retried once when they could not connect; the conditional replace is not (a repeat after an unseen success
 * answers 412), the reconciler repeats the whole upsert instead.
 */
@ApplicationScoped
public class RestCatalogGateway implements CatalogGateway {
    private final CatalogApi api;
    private final Boundary boundary;

    public RestCatalogGateway(@RestClient CatalogApi api, Boundaries boundaries) {
        this.api = api;
        this.boundary = boundaries.of(Boundaries.CATALOG_SERVICE);
    }

    @Override
    public void register(Map<String, Object> entity) {
        String name = String.valueOf(((Map<?, ?>) entity.get("metadata")).get("name"));
        int created = status(() -> api.create(entity), "register", true);
        if (created == 201) {
            return;
        }
        if (created != 409) {
            throw new ExternalFailure("catalog-service answered " + created + " to registering '" + name + "'", true,
                    null);
        }
        // Already registered (a retry, or a re-provisioned name): replace it with what the request says now.
        String etag = call(() -> {
            try (Response current = api.get(name)) {
                return current.getHeaderString(HttpHeaders.ETAG);
            }
        }, "read", true);
        int replaced = status(() -> api.replace(name, etag, entity), "update", false);
        if (replaced != 200) {
            throw new ExternalFailure("catalog-service answered " + replaced + " to updating '" + name + "'", true,
                    null);
        }
    }

    @Override
    public void remove(String name) {
        int status = status(() -> api.delete(name), "remove", true);
        if (status != 204 && status != 404) {
            throw new ExternalFailure("catalog-service answered " + status + " to removing '" + name + "'", true,
                    null);
        }
    }

    private int status(Supplier<Response> request, String what, boolean idempotent) {
        return call(() -> {
            try (Response r = request.get()) {
                return r.getStatus();
            } catch (WebApplicationException e) {
                return e.getResponse().getStatus();
            }
        }, what, idempotent);
    }

    private <T> T call(Supplier<T> request, String what, boolean idempotent) {
        try {
            return idempotent ? boundary.idempotent(request) : boundary.call(request);
        } catch (ProcessingException | WebApplicationException | UncheckedIOException | FaultToleranceException e) {
            throw new ExternalFailure("catalog-service unavailable (" + what + "): " + e.getMessage(), true, e);
        }
    }
}
