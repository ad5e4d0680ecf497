-- Demo team leads belong to the demo, not to every installation. V10 made bob the lead of payments and frank the lead
-- of search wherever it ran, so real users of those names became approvers. Remove the two rows where they are still
-- the ones V10 inserted: created_by 'migration' is V10's mark (TeamService records the platform-admin who adds a lead,
-- and rows are never updated), so a lead an administrator added or re-added stays. The demo seeds its leads through
-- the API instead (deploy/demo/seed-leads.sh), audited like any other change.
DELETE FROM team_lead
 WHERE created_by = 'migration'
   AND (team, username) IN (('payments', 'bob'), ('search', 'frank'));
