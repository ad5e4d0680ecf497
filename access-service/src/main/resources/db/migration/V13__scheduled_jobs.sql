-- When each elected scheduled job of this service last ran, across all its replicas (see ScheduledRuns): one
-- replica per period moves last_run_at forward and runs the job; runs counts the periods run since the row began.
CREATE TABLE scheduled_job (
    job         text PRIMARY KEY,
    last_run_at timestamptz NOT NULL,
    runs        bigint NOT NULL,
    holder      text NOT NULL   -- the JVM (pid@host) that ran the latest period
);
