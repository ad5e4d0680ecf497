package dev.runway.provisioning.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One timestamped state transition of a request. */
@Entity
@Table(name = "request_event")
public class RequestEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "request_id")
    public UUID requestId;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_state")
    public RequestState fromState;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_state")
    public RequestState toState;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String actor;
    public String reason;

    static RequestEvent of(UUID requestId, RequestState from, RequestState to, String actor, String reason,
            Instant at) {
        RequestEvent e = new RequestEvent();
        e.requestId = requestId;
        e.fromState = from;
        e.toState = to;
        e.actor = actor;
        e.reason = reason;
        e.occurredAt = at;
        return e;
    }

    public static RequestEvent created(UUID requestId, String actor, Instant at) {
        return of(requestId, null, RequestState.REQUESTED, actor, null, at);
    }
}
