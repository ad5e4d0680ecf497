package dev.runway.provisioning.client;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.runway.provisioning.driver.ExternalFailure;

/**
 * {@link CatalogGateway} over catalog-service's REST API. Every failure is retryable: the reconciler keeps trying
 * with its backoff, and the catalog never holds back the request's own state.
 */
@ApplicationScoped
public class RestCatalogGateway implements CatalogGateway {
    private final CatalogApi api;

    public RestCatalogGateway(@RestClient CatalogApi api) {
        this.api = api;
    }

    @Override
    public void register(Map<String, Object> entity) {
        String name = String.valueOf(((Map<?, ?>) entity.get("metadata")).get("name"));
        int created = status(() -> api.create(entity), "register");
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
        }, "read");
        int replaced = status(() -> api.replace(name, etag, entity), "update");
        if (replaced != 200) {
            throw new ExternalFailure("catalog-service answered " + replaced + " to updating '" + name + "'", true,
                    null);
        }
    }

    @Override
    public void remove(String name) {
        int status = status(() -> api.delete(name), "remove");
        if (status != 204 && status != 404) {
            throw new ExternalFailure("catalog-service answered " + status + " to removing '" + name + "'", true,
                    null);
        }
    }

    private static int status(Supplier<Response> request, String what) {
        return call(() -> {
            try (Response r = request.get()) {
                return r.getStatus();
            } catch (WebApplicationException e) {
                return e.getResponse().getStatus();
            }
        }, what);
    }

    private static <T> T call(Supplier<T> request, String what) {
        try {
            return request.get();
        } catch (ProcessingException | WebApplicationException | UncheckedIOException e) {
            throw new ExternalFailure("catalog-service unavailable (" + what + "): " + e.getMessage(), true, e);
        }
    }
}
