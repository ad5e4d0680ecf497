-- Steps are named by their kind's plan instead of numbered by position, so a step added to a plan never makes a
-- request in progress resume at the wrong one. A row holds the name of its next step while PROVISIONING (a step to
-- apply) or DEPROVISIONING (a step to undo), and NULL otherwise. Rows in progress keep their place: a teardown
-- whose last step was done but not yet recorded resumes at that step, which is idempotent.
ALTER TABLE provisioning_request ALTER COLUMN step DROP DEFAULT, ALTER COLUMN step DROP NOT NULL;
ALTER TABLE provisioning_request ALTER COLUMN step TYPE text USING (CASE
    WHEN state = 'PROVISIONING' AND kind = 'ENVIRONMENT'
        THEN (ARRAY['NAMESPACE', 'RESOURCE_QUOTA', 'LIMIT_RANGE', 'NETWORK_POLICY', 'ROLE_BINDING'])[LEAST(step, 4) + 1]
    WHEN state = 'PROVISIONING' AND kind = 'DATABASE'
        THEN (ARRAY['SECRET', 'ACCOUNT', 'DATABASE', 'GRANTS'])[LEAST(step, 3) + 1]
    -- The environment's teardown was "wait for its databases, delete the namespace": both are the namespace's undo.
    WHEN state = 'DEPROVISIONING' AND kind = 'ENVIRONMENT' THEN 'NAMESPACE'
    WHEN state = 'DEPROVISIONING' AND kind = 'DATABASE'
        THEN (ARRAY['DATABASE', 'ACCOUNT', 'SECRET'])[LEAST(step, 2) + 1]
    ELSE NULL END);
