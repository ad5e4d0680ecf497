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

    private final Map<String, PingApi> pings = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final CatalogApi catalog;
    private final ProvisioningApi provisioning;
    private final AccessApi access;
    private final InsightsApi insights;

    public PlatformServices(PortalConfig config, UserTokenFilter userToken) {
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

    private static <A, T> T call(String name, A api, Function<A, T> call) {
        try {
            return call.apply(api);
        } catch (ProcessingException e) {
            if (e.getCause() instanceof ServiceProblem problem) {
                throw problem;
            }
            throw ServiceProblem.unreachable(name);
        }
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
