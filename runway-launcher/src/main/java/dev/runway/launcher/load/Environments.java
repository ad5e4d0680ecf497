package dev.runway.launcher.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Ephemeral environment requests through provisioning-service, within each team's quota. */
final class Environments {
    /** provisioning-service's default quota of live environments per team. */
    static final int QUOTA = 10;
    /** States that hold no quota (RequestState.GONE). */
    static final Set<String> GONE = Set.of("DENIED", "DELETED");

    record Created(String id, String team, String user, long requestedAtNanos) {
    }

    private Environments() {
    }

    /** Live environments of a team, as one of its developers sees them: every page of the list. */
    static int live(Platform p, String user) throws Exception {
        int live = 0;
        String cursor = null;
        do {
            // Cursors are base64url: safe in a query string as they are.
            Platform.Response r = p.send("GET", p.urls().provisioning(), "/api/v1/environments?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), p.userToken(user), null, null);
            if (!r.ok()) {
                throw new IllegalStateException("listing environments answered " + r.status() + ": " + r.body());
            }
            JsonNode page = r.json();
            for (JsonNode env : page.path("items")) {
                if (!GONE.contains(env.path("state").asText())) {
                    live++;
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return live;
    }

    static String body(String name, String team) {
        return Platform.JSON.createObjectNode().put("name", name).put("team", team).put("template", "ephemeral")
                .put("ttl", "PT1H").toString();
    }

    static String state(Platform p, Created env) throws Exception {
        Platform.Response r = p.send("GET", p.urls().provisioning(), "/api/v1/environments/" + env.id(),
                p.userToken(env.user()), null, null);
        return r.ok() ? r.json().path("state").asText() : "HTTP " + r.status();
    }

    /**
     * Polls every environment until it reaches one of {@code targets} or the deadline passes, recording the time from
     * {@code since} (request or delete) to the target as a milestone. Answers those that did not get there.
     */
    static List<Created> awaitStates(Platform p, List<Created> envs, Set<String> targets, String milestone,
            long deadlineNanos, java.util.Map<String, Long> since, Measurements m) throws Exception {
        List<Created> waiting = new ArrayList<>(envs);
        while (!waiting.isEmpty() && System.nanoTime() < deadlineNanos) {
            for (var it = waiting.iterator(); it.hasNext();) {
                Created env = it.next();
                long start = System.nanoTime();
                String state;
                try {
                    state = state(p, env);
                    m.record("environment.get", (System.nanoTime() - start) / 1000, state.startsWith("HTTP")
                            ? state.substring(5) : "200", !state.startsWith("HTTP") || state.equals("HTTP 404"));
                } catch (java.io.IOException e) {
                    m.record("environment.get", (System.nanoTime() - start) / 1000, "io", false);
                    continue;
                }
                if (targets.contains(state) || state.equals("HTTP 404") && targets.contains("DELETED")) {
                    m.recordMilestone(milestone, (System.nanoTime() - since.get(env.id())) / 1000);
                    it.remove();
                } else if (state.equals("FAILED") || state.equals("DENIED")) {
                    m.record(milestone, 0, state, false);
                    it.remove();
                }
            }
            Thread.sleep(500);
        }
        return waiting;
    }
}
