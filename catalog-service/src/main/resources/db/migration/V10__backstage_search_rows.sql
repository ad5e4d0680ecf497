-- The Backstage-compatible API (/api/catalog) filters, orders and counts facets on any dotted path of an entity, as
-- Backstage's catalog does from its "search" table. The paths Runway keeps in columns (kind, namespace, name, type,
-- lifecycle, tags, labels, owner) and relations are served from those columns and entity_relation; every other path is
-- read from the document through this function instead of a second table that every write would have to maintain.
--
-- It flattens a document the way Backstage's buildEntitySearch does: one row per key path (lower-cased, joined with
-- dots, descending through objects and arrays), with the scalar value as text (null for objects, arrays and nulls, so
-- that "the key exists" still matches); a scalar array item also yields the row (path.item, 'true'). Values keep their
-- case (facets show them as written); filters compare them lower-cased.
CREATE FUNCTION backstage_search_rows(doc jsonb) RETURNS TABLE (key text, value text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH RECURSIVE walk(path, v, item) AS (
        SELECT lower(e.k), e.v, false FROM jsonb_each(doc) AS e(k, v)
      UNION ALL
        SELECT CASE WHEN c.k IS NULL THEN w.path ELSE w.path || '.' || lower(c.k) END, c.v, c.k IS NULL
        FROM walk w CROSS JOIN LATERAL (
            SELECT o.k, o.v FROM jsonb_each(CASE WHEN jsonb_typeof(w.v) = 'object' THEN w.v ELSE '{}' END) AS o(k, v)
            UNION ALL
            SELECT NULL, a.v FROM jsonb_array_elements(CASE WHEN jsonb_typeof(w.v) = 'array' THEN w.v ELSE '[]' END)
                AS a(v)
        ) c
    )
    SELECT path, CASE WHEN jsonb_typeof(v) IN ('string', 'number', 'boolean') THEN v #>> '{}' END FROM walk
    UNION ALL
    SELECT path || '.' || lower(v #>> '{}'), 'true' FROM walk
    WHERE item AND jsonb_typeof(v) IN ('string', 'number', 'boolean')
$$;
