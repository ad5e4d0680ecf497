-- Facet counts at 100k entities: grouping the whole catalog (or a whole kind) on every request costs 40-100 ms
-- even as an index-only scan. The counts of the common facet questions (no filter, or only a kind) are kept up to
-- date instead, per (field, kind, value), by statement-level triggers on entity.
--
-- Writers never update a shared counter row (that would serialise every catalog write on its kind's row and let
-- two imports deadlock); each write statement appends its net change, grouped, to entity_facet_delta. A reader
-- sums entity_facet_count and the pending deltas in one statement, so it sees exactly the committed state of its
-- snapshot. FacetCompaction folds the deltas into the counts every few seconds in one transaction.
CREATE TABLE entity_facet_count (
    field text   NOT NULL,
    kind  text   NOT NULL,
    value text   NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (field, kind, value)
);

CREATE TABLE entity_facet_delta (
    field text   NOT NULL,
    kind  text   NOT NULL,
    value text   NOT NULL,
    delta bigint NOT NULL
);
CREATE INDEX entity_facet_delta_by_field ON entity_facet_delta (field, kind);

-- The facet values of a set of rows: one row per (field, kind, value) occurrence of a live entity. The fields are
-- EntitySearchRepository's facet fields; tags count once per tag, as the scanning query does.
CREATE FUNCTION entity_facet_values(k text, ns text, t text, lc text, owner text, sys text, tags text[])
    RETURNS TABLE (field text, value text) LANGUAGE sql IMMUTABLE AS $$
    SELECT f, v FROM (VALUES ('kind', k), ('namespace', ns), ('type', t), ('lifecycle', lc), ('owner', owner),
                             ('system', sys)) AS x(f, v) WHERE v IS NOT NULL
    UNION ALL
    SELECT 'tag', tag FROM unnest(tags) AS tag
$$;

CREATE FUNCTION entity_facet_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entity_facet_delta (field, kind, value, delta)
    SELECT f.field, n.kind, f.value, count(*)
    FROM new_rows n, entity_facet_values(n.kind, n.namespace, n.type, n.lifecycle, n.owner_ref, n.system_ref, n.tags) f
    WHERE n.deleted_at IS NULL
    GROUP BY f.field, n.kind, f.value;
    RETURN NULL;
END $$;

CREATE FUNCTION entity_facet_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entity_facet_delta (field, kind, value, delta)
    SELECT field, kind, value, sum(d) FROM (
        SELECT f.field, n.kind, f.value, 1 AS d
        FROM new_rows n, entity_facet_values(n.kind, n.namespace, n.type, n.lifecycle, n.owner_ref, n.system_ref, n.tags) f
        WHERE n.deleted_at IS NULL
        UNION ALL
        SELECT f.field, o.kind, f.value, -1
        FROM old_rows o, entity_facet_values(o.kind, o.namespace, o.type, o.lifecycle, o.owner_ref, o.system_ref, o.tags) f
        WHERE o.deleted_at IS NULL
    ) x
    GROUP BY field, kind, value
    HAVING sum(d) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION entity_facet_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO entity_facet_delta (field, kind, value, delta)
    SELECT f.field, o.kind, f.value, -count(*)
    FROM old_rows o, entity_facet_values(o.kind, o.namespace, o.type, o.lifecycle, o.owner_ref, o.system_ref, o.tags) f
    WHERE o.deleted_at IS NULL
    GROUP BY f.field, o.kind, f.value;
    RETURN NULL;
END $$;

CREATE FUNCTION entity_facet_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE entity_facet_count, entity_facet_delta;
    RETURN NULL;
END $$;

CREATE TRIGGER entity_facet_insert AFTER INSERT ON entity REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entity_facet_on_insert();
CREATE TRIGGER entity_facet_update AFTER UPDATE ON entity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entity_facet_on_update();
CREATE TRIGGER entity_facet_delete AFTER DELETE ON entity REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION entity_facet_on_delete();
CREATE TRIGGER entity_facet_truncate AFTER TRUNCATE ON entity
    FOR EACH STATEMENT EXECUTE FUNCTION entity_facet_on_truncate();

INSERT INTO entity_facet_count (field, kind, value, count)
SELECT f.field, e.kind, f.value, count(*)
FROM entity e, entity_facet_values(e.kind, e.namespace, e.type, e.lifecycle, e.owner_ref, e.system_ref, e.tags) f
WHERE e.deleted_at IS NULL
GROUP BY f.field, e.kind, f.value;

-- The counts replace the index-only scans these indexes served; every catalog write no longer maintains them.
DROP INDEX entity_facet_kind_type;
DROP INDEX entity_facet_kind_lifecycle;
DROP INDEX entity_facet_kind_owner;
DROP INDEX entity_facet_owner;
