-- Per-user rate-limit buckets shared by every replica of this service (bucket4j's PostgreSQL store; see
-- WriteRateLimiter). Unlogged: a bucket is worth nothing after a crash (an emptied table only refills everyone's
-- budget), so spending a token writes no WAL and a request never waits for an fsync of it.
CREATE UNLOGGED TABLE rate_limit_bucket (
    id         text PRIMARY KEY,   -- budget:user
    state      bytea,
    expires_at bigint              -- epoch millis after which the bucket would be full again: removable
);
