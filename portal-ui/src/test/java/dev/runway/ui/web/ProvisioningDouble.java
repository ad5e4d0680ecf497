package dev.runway.ui.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;


/**
 * A test double of provisioning-service on a free port: serves one environment template and two database templates
 * (postgresql available, mariadb not), the environment "shop" and its events,
 * and answers environment requests like the service does, with 202 for "shop" and a problem+json 400 with a
 * violation for any other name. Lists are paged as the service pages them ({@code limit}, {@code cursor},
 * {@code items} and {@code nextCursor}); behind "shop", the newest, are {@value #OLDER} older READY environments.
 * Records the bodies it received and the pages it served so tests can check what the portal sent.
 */
public class ProvisioningDouble extends ServiceDouble {
    static final String ENV_ID = "7f1c2a4e-1111-4c1e-9a55-0d7a3e5f0001";
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    /** The URIs of the list pages served, with their queries. */
    static final List<String> PAGES_SERVED = new CopyOnWriteArrayList<>();

    private static final String TEMPLATE = """
            {"id":"ephemeral","version":"1.0.0","kind":"environment","description":"Short-lived","approvalRequired":false,
             "available":true,
             "ttl":{"defaultTtl":"PT24H","max":"P7D"},"defaults":{"cpuMillis":1000,"memoryMiB":2048},
             "parameters":{"type":"object","properties":{
               "cpuMillis":{"description":"CPU in millicores","type":"integer","minimum":100,"maximum":2000},
               "memoryMiB":{"description":"Memory in MiB","type":"integer","minimum":128,"maximum":4096}}}}""";
    /** Two engines: one with a server on the platform, one without. */
    private static final String DATABASE_TEMPLATES = """
            {"id":"postgresql","version":"1.0.0","kind":"database","description":"PostgreSQL database","approvalRequired":false,
             "available":true,"defaults":{"plan":"small"},"plans":{"small":{"connectionLimit":20,"cpuMillis":500,"memoryMiB":512}},
             "parameters":{"type":"object"}},
            {"id":"mariadb","version":"1.0.0","kind":"database","description":"MariaDB database","approvalRequired":false,
             "available":false,"defaults":{"plan":"small"},"plans":{"small":{"connectionLimit":20,"cpuMillis":500,"memoryMiB":512}},
             "parameters":{"type":"object"}}""";
    private static final String ENVIRONMENT = """
            {"id":"%s","kind":"ENVIRONMENT","name":"shop","team":"payments","template":"ephemeral",
             "state":"%s","reason":"%s","retryable":true,"attempts":1,"requestedBy":"alice","approvalRequired":false,
             "catalogSynced":true,"expiresAt":"2030-01-01T00:00:00Z"}""";

    static final int OLDER = 54;

    static volatile String state = "PROVISIONING";

    @Override
    protected String serviceUrlKey() {
        return "runway.portal.services.provisioning";
    }

    @Override
    protected void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!body.isEmpty()) {
            RECEIVED.add(method + " " + path + " " + body);
        }
        if (path.equals("/api/v1/templates")) {
            send(x, 200, "application/json", "[" + TEMPLATE + "," + DATABASE_TEMPLATES + "]");
        } else if (path.equals("/api/v1/environments") && method.equals("POST")) {
            if (body.contains("\"name\":\"shop\"")) {
                send(x, 202, "application/json", ENVIRONMENT.formatted(ENV_ID, "APPROVED", ""));
            } else {
                send(x, 400, "application/problem+json", """
                        {"type":"https://runway.dev/problems/invalid-input","title":"Invalid input","status":400,
                         "detail":"The request has invalid fields.","violations":[{"field":"name","message":"is already taken by another environment"}]}""");
            }
        } else if (path.equals("/api/v1/environments")) {
            List<String> items = new ArrayList<>();
            items.add(ENVIRONMENT.formatted(ENV_ID, state, "quota exceeded"));
            for (int i = 1; i <= OLDER; i++) {
                items.add(ENVIRONMENT.formatted("7f1c2a4e-2222-4c1e-9a55-%012d".formatted(i), "READY", "")
                        .replace("\"name\":\"shop\"", "\"name\":\"older-" + i + "\""));
            }
            page(x, items);
        } else if (path.equals("/api/v1/environments/" + ENV_ID)) {
            send(x, 200, "application/json", ENVIRONMENT.formatted(ENV_ID, state, "quota exceeded"));
        } else if (path.equals("/api/v1/requests/" + ENV_ID + "/events")) {
            page(x, List.of("""
                    {"from":"REQUESTED","to":"APPROVED","at":"2026-01-01T10:00:00Z","actor":"alice"}""", """
                    {"from":"APPROVED","to":"%s","at":"2026-01-01T10:00:05Z","actor":"reconciler"}""".formatted(state)));
        } else if (path.equals("/api/v1/environments/" + ENV_ID + "/extend")) {
            send(x, 400, "application/problem+json", """
                    {"title":"Invalid input","status":400,"detail":"ttl must be at most P7D for template ephemeral"}""");
        } else {
            send(x, 404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404,\"detail\":\"No such thing.\"}");
        }
    }

    /** One page of {@code items} as the service cuts it: limit 1 to 200 (default 50), the cursor an offset here. */
    static void page(HttpExchange x, List<String> items) throws IOException {
        Map<String, String> query = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        PAGES_SERVED.add(x.getRequestURI().toString());
        int limit;
        int from;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "50"));
            from = Integer.parseInt(query.getOrDefault("cursor", "0"));
        } catch (NumberFormatException e) {
            limit = 0;
            from = -1;
        }
        if (limit < 1 || limit > 200 || from < 0 || from > items.size()) {
            send(x, 400, "application/problem+json", """
                    {"title":"Invalid input","status":400,"detail":"the page request is malformed"}""");
            return;
        }
        int to = Math.min(items.size(), from + limit);
        String next = to < items.size() ? "\"" + to + "\"" : "null";
        send(x, 200, "application/json", "{\"items\":[" + String.join(",", items.subList(from, to))
                + "],\"nextCursor\":" + next + "}");
    }
}
