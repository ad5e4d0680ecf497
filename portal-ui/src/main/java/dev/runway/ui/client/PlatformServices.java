package dev.runway.ui.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

import dev.runway.common.resilience.Boundaries;
import dev.runway.ui.config.PortalConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * The three Runway APIs as the portal sees them, each called with the signed-in user's token. Every call goes
 * through {@link #catalog}, {@link #insights}, {@link #provisioning} or {@link #access}, so a service that
 * cannot be reached or refuses becomes one {@link ServiceProblem} with a sentence a person can read.
 */
@ApplicationScoped
public class PlatformServices {

    /** How one service answered the user: reachable and accepting the token, or why not. */
    public record ServiceStatus(String name, String url, boolean ok, String detail) {
    }

    /** The boundary of each service, named as the services name each other (runway.boundaries.<remote>.*). */
    private static final Map<String, String> REMOTES = Map.of("catalog", Boundaries.CATALOG_SERVICE,
            "provisioning", "provisioning-service", "access", Boundaries.ACCESS_SERVICE);

    private final Map<String, PingApi> pings = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final CatalogApi catalog;
    private final ProvisioningApi provisioning;
    private final AccessApi access;
    private final InsightsApi insights;
    private final Boundaries boundaries;

    public PlatformServices(PortalConfig config, UserTokenFilter userToken, Boundaries boundaries) {
        this.boundaries = boundaries;
        urls.put("catalog", config.services().catalog());
        urls.put("provisioning", config.services().provisioning());
        urls.put("access", config.services().access());
        urls.forEach((name, url) -> pings.put(name, client(name, userToken, PingApi.class)));
        catalog = client("catalog", userToken, CatalogApi.class);
        provisioning = client("provisioning", userToken, ProvisioningApi.class);
        access = client("access", userToken, AccessApi.class);
        insights = client("catalog", userToken, InsightsApi.class);
    }

    private <T> T client(String name, UserTokenFilter userToken, Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(urls.get(name)))
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(10, TimeUnit.SECONDS)
                .register(userToken)
                .register(new ProblemResponseMapper(name))
                .build(api);
    }

    public <T> T catalog(Function<CatalogApi, T> call) {
        return call("catalog", catalog, call);
    }

    /** catalog-service's insights endpoints; its problems name the catalog service, which serves them. */
    public <T> T insights(Function<InsightsApi, T> call) {
        return call("catalog", insights, call);
    }

    public <T> T provisioning(Function<ProvisioningApi, T> call) {
        return call("provisioning", provisioning, call);
    }

    public <T> T access(Function<AccessApi, T> call) {
        return call("access", access, call);
    }

    /**
     * One call through the remote's boundary: a timeout below the client's read timeout, and a breaker that refuses
     * at once while the remote hangs. One attempt only: the boundary cannot tell a read from a write here. A 5xx
     * counts against the remote, a 4xx does not; either way the page gets the service's own problem.
     */
    private <A, T> T call(String name, A api, Function<A, T> call) {
        try {
            return boundaries.of(REMOTES.get(name)).call(() -> {
                try {
                    return call.apply(api);
                } catch (ServiceProblem problem) {
                    throw asFailure(problem);
                } catch (ProcessingException e) {
                    throw e.getCause() instanceof ServiceProblem problem ? asFailure(problem) : e;
                }
            });
        } catch (WebApplicationException e) {
            throw e.getCause() instanceof ServiceProblem problem ? problem : e;
        } catch (ProcessingException | FaultToleranceException unreachable) {
            // No connection, a timeout, or the breaker refusing: all a page can say is that it is unreachable.
            throw ServiceProblem.unreachable(name);
        }
    }

    /** A 5xx is carried as the boundary's mark against the remote; the page still gets the problem itself. */
    private static RuntimeException asFailure(ServiceProblem problem) {
        return problem.status() >= 500 ? new WebApplicationException(problem, problem.status()) : problem;
    }

    public List<ServiceStatus> status() {
        List<ServiceStatus> result = new ArrayList<>();
        pings.forEach((name, api) -> result.add(statusOf(name, api)));
        return result;
    }

    private ServiceStatus statusOf(String name, PingApi api) {
        String url = urls.get(name);
        try {
            PingApi.Pong pong = call(name, api, PingApi::ping);
            return new ServiceStatus(name, url, true, "accepts you as " + pong.caller());
        } catch (ServiceProblem e) {
            String why = switch (e.status()) {
                case 401 -> "did not accept your sign-in (401)";
                case 503 -> "is not reachable";
                default -> "answered HTTP " + e.status();
            };
            return new ServiceStatus(name, url, false, why);
        }
    }
}
