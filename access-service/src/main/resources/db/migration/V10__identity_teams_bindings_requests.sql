-- Identity view, teams, role bindings and just-in-time access requests (issue 3, items 1-8).
-- Grants to runway_access_app come from V1's default privileges.

-- Team membership comes from SSO (the token's groups); access-service only remembers who it has seen.
CREATE TABLE team_member (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team         text        NOT NULL,
    username     text        NOT NULL,
    display_name text,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    CONSTRAINT team_member_team_username_key UNIQUE (team, username)
);

-- Leads are recorded here and managed by platform-admins.
CREATE TABLE team_lead (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team       text        NOT NULL,
    username   text        NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    CONSTRAINT team_lead_team_username_key UNIQUE (team, username)
);
CREATE INDEX team_lead_username_idx ON team_lead (username);

-- The demo realm's group attribute "leads" (deploy/keycloak/runway-realm.json).
INSERT INTO team_lead (team, username, created_at, created_by) VALUES
    ('payments', 'bob', now(), 'migration'),
    ('search', 'frank', now(), 'migration');

CREATE TABLE access_request (
    id               uuid        PRIMARY KEY,
    requester        text        NOT NULL,
    role             text        NOT NULL,
    scope            text        NOT NULL,
    duration_seconds bigint      NOT NULL CHECK (duration_seconds > 0),
    justification    text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'REVOKED', 'ENDED')),
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    decided_by       text,
    decided_at       timestamptz,
    decision_comment text,
    grant_id         uuid,
    version          integer     NOT NULL DEFAULT 0
);
CREATE INDEX access_request_status_idx ON access_request (status, expires_at);
CREATE INDEX access_request_requester_idx ON access_request (requester, created_at);

-- A grant is a role binding created by an approved access request (access_request_id set), always with an expiry.
CREATE TABLE role_binding (
    id                uuid        PRIMARY KEY,
    subject           text        NOT NULL,
    role              text        NOT NULL,
    scope             text        NOT NULL,
    expires_at        timestamptz,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    access_request_id uuid REFERENCES access_request (id),
    version           integer     NOT NULL DEFAULT 0,
    CONSTRAINT role_binding_grant_expires CHECK (access_request_id IS NULL OR expires_at IS NOT NULL)
);
CREATE INDEX role_binding_subject_idx ON role_binding (subject);
CREATE INDEX role_binding_scope_idx ON role_binding (scope);
CREATE INDEX role_binding_expires_idx ON role_binding (expires_at) WHERE expires_at IS NOT NULL;
-- The same plain binding twice would be noise; grants may repeat (each has its own request and expiry).
CREATE UNIQUE INDEX role_binding_plain_key ON role_binding (subject, role, scope) WHERE access_request_id IS NULL;
