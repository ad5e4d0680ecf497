package dev.runway.ui.client;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.common.error.Problem;

/**
 * Turns a service's error response into a {@link ServiceProblem} carrying the problem+json's title, detail and
 * violations; a body that is not problem+json becomes a generic sentence, never shown raw.
 */
class ProblemResponseMapper implements ResponseExceptionMapper<ServiceProblem> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String service;

    ProblemResponseMapper(String service) {
        this.service = service;
    }

    @Override
    public ServiceProblem toThrowable(Response response) {
        int status = response.getStatus();
        String title = "The " + service + " service refused the request";
        String detail = fallbackDetail(status);
        List<Problem.Violation> violations = new ArrayList<>();
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            if (body != null && !body.isBlank()) {
                JsonNode problem = JSON.readTree(body);
                if (problem.hasNonNull("title")) {
                    title = problem.get("title").asText();
                }
                if (problem.hasNonNull("detail")) {
                    detail = problem.get("detail").asText();
                }
                for (JsonNode v : problem.path("violations")) {
                    violations.add(new Problem.Violation(v.path("field").asText(), v.path("message").asText()));
                }
            }
        } catch (Exception notProblemJson) {
            // Not problem+json (a proxy page, an empty body): the status sentence is all we can honestly say.
        }
        return new ServiceProblem(service, status, title, detail, violations);
    }

    private String fallbackDetail(int status) {
        return switch (status) {
            case 401 -> "The " + service + " service did not accept your sign-in. Sign out and in again.";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "It does not exist, or you may not see it.";
            case 503 -> "The " + service + " service is not available right now. Try again in a moment.";
            default -> "The " + service + " service answered HTTP " + status + ".";
        };
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
