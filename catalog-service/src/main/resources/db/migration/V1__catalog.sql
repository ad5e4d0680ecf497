-- The catalog: one row per entity ever registered (deleted ones stay as tombstones so that an import
-- cannot silently resurrect them). The descriptor lives in jsonb; everything the list API filters or
-- sorts on is denormalized into plain columns with partial indexes over live rows, so filtered pages,
-- facets and full-text search stay index-driven at 100k+ entities.
CREATE TABLE entity (
    id          uuid PRIMARY KEY,
    ref         text        NOT NULL UNIQUE,          -- canonical, lower-cased kind:namespace/name
    kind        text        NOT NULL,                 -- lower-cased
    namespace   text        NOT NULL,
    name        text        NOT NULL,                 -- lower-cased; the body keeps the original spelling
    type        text,
    lifecycle   text,
    owner_ref   text,
    system_ref  text,
    tags        text[]      NOT NULL DEFAULT '{}',
    labels      jsonb       NOT NULL DEFAULT '{}',
    body        jsonb       NOT NULL,
    search_text text        NOT NULL DEFAULT '',
    search      tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
    etag        text        NOT NULL,
    version     integer     NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    deleted_at  timestamptz,
    deleted_by  text
);

CREATE INDEX entity_by_name      ON entity (name, ref)                  WHERE deleted_at IS NULL;
CREATE INDEX entity_by_updated   ON entity (updated_at, ref)            WHERE deleted_at IS NULL;
CREATE INDEX entity_by_kind      ON entity (kind, name, ref)            WHERE deleted_at IS NULL;
CREATE INDEX entity_by_owner     ON entity (owner_ref, name, ref)       WHERE deleted_at IS NULL;
CREATE INDEX entity_by_system    ON entity (system_ref, name, ref)      WHERE deleted_at IS NULL;
CREATE INDEX entity_by_type      ON entity (type, name, ref)            WHERE deleted_at IS NULL;
CREATE INDEX entity_by_lifecycle ON entity (lifecycle, name, ref)       WHERE deleted_at IS NULL;
CREATE INDEX entity_by_namespace ON entity (namespace, name, ref)       WHERE deleted_at IS NULL;
CREATE INDEX entity_tags         ON entity USING gin (tags)             WHERE deleted_at IS NULL;
CREATE INDEX entity_labels       ON entity USING gin (labels jsonb_path_ops) WHERE deleted_at IS NULL;
CREATE INDEX entity_search       ON entity USING gin (search)           WHERE deleted_at IS NULL;

-- Both directions of every relation, each row remembering which entity's spec produced it (origin), so a
-- write replaces exactly the rows its previous version emitted. Targets need not exist (dangling refs).
CREATE TABLE entity_relation (
    source_ref text NOT NULL,
    type       text NOT NULL,
    target_ref text NOT NULL,
    origin_ref text NOT NULL,
    PRIMARY KEY (source_ref, type, target_ref, origin_ref)
);
CREATE INDEX entity_relation_origin ON entity_relation (origin_ref);
CREATE INDEX entity_relation_target ON entity_relation (target_ref);

-- Every change, with who, when and an RFC 6902 JSON Patch from the previous version.
CREATE TABLE entity_history (
    id          bigserial PRIMARY KEY,
    entity_id   uuid        NOT NULL REFERENCES entity (id),
    ref         text        NOT NULL,
    version     integer     NOT NULL,
    action      text        NOT NULL,
    actor       text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    patch       jsonb       NOT NULL
);
CREATE INDEX entity_history_by_entity ON entity_history (entity_id, id);

-- Audit events written in the same transaction as the change; the shared relay delivers them to
-- access-service and sets delivered_at (shape shared with runway-common's dev.runway.common.audit).
CREATE TABLE audit_outbox (
    event_id       uuid PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    actor_teams    text[]      NOT NULL DEFAULT '{}',
    action         text        NOT NULL,
    resource       text        NOT NULL,
    outcome        text        NOT NULL,
    reason         text,
    source_service text        NOT NULL,
    request_id     text,
    client_address text,
    details        jsonb       NOT NULL DEFAULT '{}',
    delivered_at   timestamptz
);
CREATE INDEX audit_outbox_undelivered ON audit_outbox (occurred_at) WHERE delivered_at IS NULL;
