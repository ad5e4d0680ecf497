-- Insights: deployments and incidents reported by CI and on-call tooling (the raw events of the DORA metrics),
-- and scorecard definitions. Events reference entities by canonical ref, not by foreign key: an entity may be
-- deleted and re-registered while its delivery history stays.
CREATE TABLE deployment (
    id              uuid PRIMARY KEY,
    external_id     text        NOT NULL UNIQUE,   -- the reporter's id; makes ingestion idempotent
    entity_ref      text        NOT NULL,          -- canonical
    environment     text        NOT NULL,          -- lower-cased
    version         text        NOT NULL,
    commit_sha      text,
    commit_times    timestamptz[] NOT NULL DEFAULT '{}',
    first_commit_at timestamptz,                   -- as reported (optional)
    earliest_commit timestamptz,                   -- min(commit_times, first_commit_at): start of lead time
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz NOT NULL,
    status          text        NOT NULL,          -- success | failure | rolled_back
    rework          boolean     NOT NULL,
    recorded_at     timestamptz NOT NULL,
    recorded_by     text        NOT NULL
);
-- DORA windows and "deployed in the last 30 days" are range scans per entity (and environment).
CREATE INDEX deployment_by_entity ON deployment (entity_ref, environment, finished_at);
CREATE INDEX deployment_by_entity_recent ON deployment (entity_ref, finished_at);

CREATE TABLE incident (
    id                   uuid PRIMARY KEY,
    external_id          text        NOT NULL UNIQUE,
    entity_ref           text        NOT NULL,
    severity             text        NOT NULL,     -- sev1 (most severe) .. sev4
    opened_at            timestamptz NOT NULL,
    resolved_at          timestamptz,
    caused_by_deployment text,                     -- external_id of a deployment
    recorded_at          timestamptz NOT NULL,
    recorded_by          text        NOT NULL,
    resolved_by          text
);
CREATE INDEX incident_by_entity ON incident (entity_ref, opened_at);
CREATE INDEX incident_by_cause ON incident (caused_by_deployment) WHERE caused_by_deployment IS NOT NULL;

-- A scorecard is data: which kinds it applies to and its rules (id, description, level, check), edited by
-- platform-admins through the API.
CREATE TABLE scorecard_definition (
    id          text PRIMARY KEY,
    title       text        NOT NULL,
    description text,
    applies_to  text[]      NOT NULL,              -- Backstage kind names (Component, API, ...)
    rules       jsonb       NOT NULL,
    version     integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL
);

INSERT INTO scorecard_definition (id, title, description, applies_to, rules, version, updated_at, updated_by)
VALUES ('default', 'Production readiness',
        'Runway''s default: ownership and documentation (bronze), operability (silver), delivery data (gold).',
        ARRAY['Component', 'API', 'Resource', 'System'],
        '[
          {"id": "owner-is-team", "level": "bronze", "check": "owner_is_group",
           "description": "The owner exists in the catalog as a Group (a real team)"},
          {"id": "has-description", "level": "bronze", "check": "has_description",
           "description": "metadata.description says what it is"},
          {"id": "has-tags", "level": "bronze", "check": "has_tags",
           "description": "Tagged, so it can be found"},
          {"id": "has-lifecycle", "level": "silver", "check": "has_lifecycle",
           "description": "spec.lifecycle is set (Components and APIs)"},
          {"id": "api-has-definition", "level": "silver", "check": "api_has_definition",
           "description": "APIs carry their definition"},
          {"id": "production-has-system", "level": "silver", "check": "production_has_system",
           "description": "Production entities belong to a System"},
          {"id": "has-docs", "level": "silver", "check": "has_docs_or_runbook",
           "description": "A docs or runbook link or annotation"},
          {"id": "has-on-call", "level": "gold", "check": "has_on_call",
           "description": "An on-call annotation (PagerDuty, Opsgenie or runway.dev/on-call)"},
          {"id": "recently-deployed", "level": "gold", "check": "deployed_last_30_days",
           "description": "DORA data: a deployment recorded in the last 30 days"}
        ]'::jsonb,
        1, now(), 'migration');
