-- Lists of environments and databases are keyset-paginated newest first on (created_at, id).
CREATE INDEX provisioning_request_page ON provisioning_request (kind, created_at DESC, id DESC);
