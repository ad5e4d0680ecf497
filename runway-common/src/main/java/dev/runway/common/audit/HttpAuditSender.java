package dev.runway.common.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Posts a batch to access-service's {@code /api/v1/audit/events} with the service's own bearer token. */
public class HttpAuditSender implements OutboxRelay.Sender {
    private final HttpClient http;
    private final URI endpoint;
    private final Supplier<String> bearerToken;
    private final ObjectMapper json;
    private final Duration timeout;

    public HttpAuditSender(HttpClient http, URI accessServiceUrl, Supplier<String> bearerToken, ObjectMapper json,
            Duration timeout) {
        this.http = http;
        this.endpoint = accessServiceUrl.resolve("/api/v1/audit/events");
        this.bearerToken = bearerToken;
        this.json = json;
        this.timeout = timeout;
    }

    @Override
    public void send(List<AuditEvent> events) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + bearerToken.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(events)))
                .build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IOException("access-service answered " + response.statusCode());
        }
    }
}
