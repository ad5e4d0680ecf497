-- Custom kinds, declared as data by platform-admins (Backstage lets a catalog hold any kind its processors accept;
-- here a kind is accepted once registered). Entities of a custom kind live in the entity table like any other.
CREATE TABLE entity_kind (
    name         text PRIMARY KEY,           -- lower-cased, as entity.kind stores it
    wire_name    text        NOT NULL,       -- as descriptors must write it (kinds match case-sensitively)
    description  text,
    api_versions text[]      NOT NULL,
    spec_schema  jsonb       NOT NULL,       -- draft-07 JSON Schema of spec
    ref_fields   jsonb       NOT NULL,       -- [{field, relation, defaultKind, array}]
    version      integer     NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);
