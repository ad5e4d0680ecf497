-- Catalog registration (the request as a Backstage Resource in catalog-service) is tracked apart from the
-- request's state: a catalog outage never holds back READY or DELETED, it only leaves catalog_synced false
-- and is retried with its own attempt counter on the reconciler's backoff.
ALTER TABLE provisioning_request
    ADD COLUMN component        text,
    -- Whether the catalog matches the state: entity present while READY, absent once DELETED.
    ADD COLUMN catalog_synced   boolean NOT NULL DEFAULT false,
    ADD COLUMN catalog_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN catalog_reason   text;
-- Requests that were never READY under the new code have nothing in the catalog to match.
UPDATE provisioning_request SET catalog_synced = (state <> 'READY');
