-- Imports write hundreds of entities per transaction with batched statements: history rows may then reach the
-- database before their entity row, so the foreign key is checked at commit instead of per statement, and the
-- history sequence hands out blocks of 50 ids (Hibernate's pooled optimizer) instead of one round-trip per row.
ALTER TABLE entity_history DROP CONSTRAINT entity_history_entity_id_fkey;
ALTER TABLE entity_history ADD CONSTRAINT entity_history_entity_id_fkey
    FOREIGN KEY (entity_id) REFERENCES entity (id) DEFERRABLE INITIALLY DEFERRED;
ALTER SEQUENCE entity_history_id_seq INCREMENT BY 50;
