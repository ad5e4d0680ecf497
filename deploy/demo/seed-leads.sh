#!/usr/bin/env bash
# Demo only: makes the demo realm's team leads leads in access-service (bob of payments, frank of search). No migration
# does this any more: a real installation's users named bob or frank must not become approvers.
#
#   deploy/demo/seed-leads.sh ACCESS_URL REALM_URL
#   e.g. deploy/demo/seed-leads.sh http://localhost:8083 http://localhost:8180/realms/runway
#
# or source it and call seed_demo_leads with the same two arguments (bin/runway does, once the services are ready).
# It signs in as the demo platform-admin dave (password runway-demo, or $RUNWAY_DEMO_PASSWORD) through the public
# client runway-cli, and adds each lead through the API, so that the change is audited. Idempotent: a lead that is
# already one (409) is fine. Needs curl only.

seed_demo_leads() {
  local access_url=${1:?usage: seed_demo_leads ACCESS_URL REALM_URL} realm_url=${2:?usage: seed_demo_leads ACCESS_URL REALM_URL}
  local token_json token pair team user status
  token_json=$(curl -fsS --max-time 10 "$realm_url/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id=runway-cli \
    --data-urlencode username=dave --data-urlencode "password=${RUNWAY_DEMO_PASSWORD:-runway-demo}") || {
    echo "seed-leads: cannot sign in as dave at $realm_url" >&2
    return 1
  }
  token=$(printf '%s' "$token_json" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
  [[ -n "$token" ]] || { echo "seed-leads: no access token in Keycloak's answer" >&2; return 1; }
  for pair in payments:bob search:frank; do
    team=${pair%%:*} user=${pair#*:}
    # The token goes through stdin (-H @-), not the command line that ps shows.
    status=$(printf 'Authorization: Bearer %s\n' "$token" | curl -sS --max-time 10 -o /dev/null -w '%{http_code}' \
      -H @- -H 'Content-Type: application/json' -d "{\"username\":\"$user\"}" "$access_url/api/v1/teams/$team/leads") || status=000
    case $status in
      201|409) ;;
      *) echo "seed-leads: making $user a lead of $team answered HTTP $status" >&2; return 1 ;;
    esac
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  seed_demo_leads "$@"
fi
