-- Every filtered page costs its page, not the catalog (issue 18). A page is a keyset scan in (sort column, ref)
-- order. V1's indexes led with one filter column each, so a page filtered by kind and owner walked the kind's (or the
-- owner's) rows in name order and threw away every row of the other filter that sorted first (thousands of APIs named
-- api-... before the first component), and a filtered page sorted by updated_at walked the catalog's update order.
--
-- Here the page indexes lead with kind, then one filter column, then the sort column and ref: kind plus one of type,
-- owner, lifecycle, system or namespace, sorted by name or updated_at in either direction, is one index range read in
-- order. A page that filters such a column but names no kind is a UNION ALL of one ordered branch per kind
-- (EntitySearchRepository.pageStatement), merged in sort order by PostgreSQL, so the same indexes serve it. A further
-- equality filter is checked on the rows of the chosen range. Tags, labels and text keep V1's GIN indexes.
--
-- Write cost: 11 indexes replace 4 of V1 (15 B-tree page indexes instead of 8). Kept from V1: entity_by_name and
-- entity_by_updated (pages with no filter, or only tags, labels or text, across kinds), entity_by_kind (kind, name,
-- ref), and entity_by_owner, which the insights team scope uses to find a team's entities across kinds.
DROP INDEX entity_by_type;
DROP INDEX entity_by_lifecycle;
DROP INDEX entity_by_system;
DROP INDEX entity_by_namespace;

CREATE INDEX entity_page_kind_updated           ON entity (kind, updated_at, ref)             WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_type_name         ON entity (kind, type, name, ref)             WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_type_updated      ON entity (kind, type, updated_at, ref)       WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_owner_name        ON entity (kind, owner_ref, name, ref)        WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_owner_updated     ON entity (kind, owner_ref, updated_at, ref)  WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_lifecycle_name    ON entity (kind, lifecycle, name, ref)        WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_lifecycle_updated ON entity (kind, lifecycle, updated_at, ref)  WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_system_name       ON entity (kind, system_ref, name, ref)       WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_system_updated    ON entity (kind, system_ref, updated_at, ref) WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_namespace_name    ON entity (kind, namespace, name, ref)        WHERE deleted_at IS NULL;
CREATE INDEX entity_page_kind_namespace_updated ON entity (kind, namespace, updated_at, ref)   WHERE deleted_at IS NULL;
