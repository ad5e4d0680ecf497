package dev.runway.access.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.runway.access.config.AccessConfig;
import dev.runway.access.service.AccessNotification;

/**
 * Posts access-request notifications to a Slack-compatible incoming webhook ({@code {"text": ...}}) when
 * {@code runway.access.notifications.webhook-url} is set. Only after the change committed, asynchronously, and a
 * failure is logged, never propagated: chat being down must not block access.
 */
@ApplicationScoped
public class WebhookNotifier {
    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final AccessConfig config;
    private final ObjectMapper json;
    private final HttpClient http;

    public WebhookNotifier(AccessConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.notifications().timeout()).build();
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessNotification notification) {
        config.notifications().webhookUrl().ifPresent(url -> send(url, notification.text()));
    }

    private void send(URI url, String text) {
        String body;
        try {
            body = json.writeValueAsString(Map.of("text", text));
        } catch (JsonProcessingException e) {
            LOG.warnf("notification not sent: %s", e.getOriginalMessage());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.notifications().timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warnf("notification webhook failed: %s", failure.toString());
            } else if (response.statusCode() >= 300) {
                LOG.warnf("notification webhook answered HTTP %d", response.statusCode());
            }
        });
    }
}
