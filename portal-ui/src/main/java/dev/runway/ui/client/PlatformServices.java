package dev.runway.ui.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import dev.runway.ui.config.PortalConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** The three Runway APIs as the portal sees them, each called with the signed-in user's token. */
@ApplicationScoped
public class PlatformServices {

    /** How one service answered the user: reachable and accepting the token, or why not. */
    public record ServiceStatus(String name, String url, boolean ok, String detail) {
    }

    private final Map<String, PingApi> pings = new LinkedHashMap<>();
    private final Map<String, String> urls = new LinkedHashMap<>();

    public PlatformServices(PortalConfig config, UserTokenFilter userToken) {
        urls.put("catalog", config.services().catalog());
        urls.put("provisioning", config.services().provisioning());
        urls.put("access", config.services().access());
        urls.forEach((name, url) -> pings.put(name, QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(5, TimeUnit.SECONDS)
                .register(userToken)
                .build(PingApi.class)));
    }

    public List<ServiceStatus> status() {
        List<ServiceStatus> result = new ArrayList<>();
        pings.forEach((name, api) -> result.add(statusOf(name, api)));
        return result;
    }

    private ServiceStatus statusOf(String name, PingApi api) {
        String url = urls.get(name);
        try {
            PingApi.Pong pong = api.ping();
            return new ServiceStatus(name, url, true, "accepts you as " + pong.caller());
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String why = status == 401 ? "did not accept your sign-in (401)" : "answered HTTP " + status;
            return new ServiceStatus(name, url, false, why);
        } catch (ProcessingException e) {
            return new ServiceStatus(name, url, false, "is not reachable");
        }
    }
}
