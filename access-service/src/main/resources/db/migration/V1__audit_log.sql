-- The application's own database role. The service connects with the configured login (which also runs these
-- migrations and owns the tables) and switches every pooled connection to this role
-- (quarkus.datasource.jdbc.new-connection-sql), so application SQL runs with only the rights granted here.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'runway_access_app') THEN
        CREATE ROLE runway_access_app NOLOGIN;
    END IF;
END
$$;
-- The login must be a member to SET ROLE (a superuser login may anyway; a dedicated owner login needs it).
DO $$
BEGIN
    IF NOT pg_has_role(current_user, 'runway_access_app', 'MEMBER') THEN
        EXECUTE format('GRANT runway_access_app TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO runway_access_app;
-- Tables and sequences that later migrations create are read-write for the application; the audit tables
-- below take UPDATE, DELETE and TRUNCATE back explicitly.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO runway_access_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO runway_access_app;

-- The hash-chained audit log (see dev.runway.access.audit.AuditHashing for the canonical form).
-- seq is assigned by the application under an advisory lock: contiguous, so a removed row leaves a gap.
CREATE TABLE audit_record (
    seq            bigint      PRIMARY KEY,
    event_id       uuid        NOT NULL,
    occurred_at    timestamptz NOT NULL,
    recorded_at    timestamptz NOT NULL,
    actor          text        NOT NULL,
    actor_teams    text[]      NOT NULL,
    action         text        NOT NULL,
    resource       text        NOT NULL,
    outcome        text        NOT NULL CHECK (outcome IN ('success', 'failure', 'allow', 'deny')),
    reason         text,
    source_service text        NOT NULL,
    request_id     text,
    client_address text,
    details        jsonb       NOT NULL,
    previous_hash  char(64)    NOT NULL,
    hash           char(64)    NOT NULL,
    CONSTRAINT audit_record_event_id_key UNIQUE (event_id)
);

-- Query paths of GET /api/v1/audit: each filter column with seq, so a filtered page is an index range scan
-- in keyset order.
CREATE INDEX audit_record_actor_idx ON audit_record (actor, seq);
CREATE INDEX audit_record_action_idx ON audit_record (action, seq);
CREATE INDEX audit_record_resource_idx ON audit_record (resource text_pattern_ops, seq);
CREATE INDEX audit_record_source_idx ON audit_record (source_service, seq);
CREATE INDEX audit_record_outcome_idx ON audit_record (outcome, seq);
CREATE INDEX audit_record_occurred_idx ON audit_record (occurred_at, seq);
CREATE INDEX audit_record_recorded_idx ON audit_record (recorded_at);
CREATE INDEX audit_record_teams_idx ON audit_record USING gin (actor_teams);

-- Retention: each pruning first stores a checkpoint signed with HMAC-SHA256 (key only in the application's
-- configuration) holding the last pruned seq and its hash, so the chain still verifies from there.
CREATE TABLE audit_checkpoint (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    last_seq      bigint      NOT NULL,
    last_hash     char(64)    NOT NULL,
    pruned_before timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    signature     char(64)    NOT NULL
);

REVOKE ALL ON audit_record, audit_checkpoint FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_record, audit_checkpoint FROM runway_access_app;
GRANT SELECT, INSERT ON audit_record, audit_checkpoint TO runway_access_app;

-- Rejects UPDATE and DELETE for everybody, table owner and superusers included (they would have to disable the
-- trigger, which is itself visible in the server log). The one exception: audit_prune() below, deleting rows
-- already covered by a checkpoint.
CREATE FUNCTION audit_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'audit_record'
       AND current_setting('runway.audit_prune', true) = 'on'
       AND OLD.seq <= (SELECT coalesce(max(last_seq), 0) FROM audit_checkpoint) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit records are append-only (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_record_append_only
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_record_no_truncate
    BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();
CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change();

-- The only way the application removes audit records: up to at most `max_rows` rows, all at or below the latest
-- checkpoint's last_seq. Runs with the owner's rights; the application role may only EXECUTE it.
CREATE FUNCTION audit_prune(max_rows integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS
$$
DECLARE
    upto    bigint;
    removed integer;
BEGIN
    SELECT coalesce(max(last_seq), 0) INTO upto FROM audit_checkpoint;
    PERFORM set_config('runway.audit_prune', 'on', true);
    DELETE FROM audit_record
     WHERE seq IN (SELECT seq FROM audit_record WHERE seq <= upto ORDER BY seq LIMIT max_rows);
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('runway.audit_prune', 'off', true);
    RETURN removed;
END
$$;
REVOKE ALL ON FUNCTION audit_prune(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_prune(integer) TO runway_access_app;
