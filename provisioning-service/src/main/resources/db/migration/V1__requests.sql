-- One row per environment or database request: its desired state (desired), where the reconciler is
-- (state, step) and when it may next be worked on (next_attempt_at, backoff by attempts).
CREATE TABLE provisioning_request (
    id               uuid PRIMARY KEY,
    kind             text        NOT NULL CHECK (kind IN ('ENVIRONMENT', 'DATABASE')),
    name             text        NOT NULL,
    team             text        NOT NULL,
    template_id      text        NOT NULL,
    template_version text        NOT NULL,
    parameters       jsonb       NOT NULL,
    cpu_millis       integer     NOT NULL,
    memory_mib       integer     NOT NULL,
    environment_id   uuid        REFERENCES provisioning_request (id),
    -- Environment: the namespace; database: the database, role or ACL user name on the server.
    physical_name    text        NOT NULL,
    -- The namespace the request's objects live in (a database's Secret lives in its environment's).
    namespace        text        NOT NULL,
    requested_by     text        NOT NULL,
    idempotency_key  text,
    approval_required boolean    NOT NULL,
    decided_by       text,
    state            text        NOT NULL,
    desired          text        NOT NULL CHECK (desired IN ('PRESENT', 'ABSENT')),
    step             integer     NOT NULL DEFAULT 0,
    reason           text,
    retryable        boolean,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    expires_at       timestamptz,
    secret_name      text,
    credentials_revealed boolean NOT NULL DEFAULT false,
    rotation_requested   boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL DEFAULT 0
);

-- A retried POST with the same key by the same caller finds the first request.
CREATE UNIQUE INDEX provisioning_request_idempotency ON provisioning_request (requested_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- Physical names are unique per kind among live requests, so two live namespaces or databases never collide.
CREATE UNIQUE INDEX provisioning_request_live_name ON provisioning_request (kind, physical_name)
    WHERE state NOT IN ('DELETED', 'DENIED');
CREATE INDEX provisioning_request_due ON provisioning_request (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX provisioning_request_team ON provisioning_request (team, kind, state);
CREATE INDEX provisioning_request_environment ON provisioning_request (environment_id);

CREATE TABLE request_event (
    id          bigserial PRIMARY KEY,
    request_id  uuid        NOT NULL REFERENCES provisioning_request (id),
    from_state  text,
    to_state    text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    reason      text
);
CREATE INDEX request_event_request ON request_event (request_id, id);

-- Transactional outbox: written in the same transaction as the change, delivered to access-service by a relay.
CREATE TABLE audit_outbox (
    event_id       uuid PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    actor_teams    text[]      NOT NULL,
    action         text        NOT NULL,
    resource       text        NOT NULL,
    outcome        text        NOT NULL,
    reason         text,
    source_service text        NOT NULL,
    request_id     text,
    client_address text,
    details        jsonb       NOT NULL,
    delivered_at   timestamptz
);
CREATE INDEX audit_outbox_undelivered ON audit_outbox (occurred_at) WHERE delivered_at IS NULL;
