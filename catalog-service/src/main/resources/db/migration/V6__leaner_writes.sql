-- Every index and constraint is paid for by each imported entity (about ten relation rows and one history row
-- each); these two buy nothing:
-- * No query looks relations up by target: both directions of every edge are stored, so incoming edges are the
--   source_ref rows of the inverse type (primary key prefix).
DROP INDEX entity_relation_target;
-- * History rows are written only in the transaction that writes their entity, and entity rows are never removed
--   (a delete leaves a tombstone), so the deferred foreign key re-checked, and share-locked, the entity of every
--   history row at commit without ever being able to fail.
ALTER TABLE entity_history DROP CONSTRAINT entity_history_entity_id_fkey;
