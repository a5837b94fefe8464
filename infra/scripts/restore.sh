#!/usr/bin/env bash
# Restores a dump made by backup.sh into DATABASE_URL (a fresh database, or the old one: its schemas
# are replaced), then queues for re-publishing every event each service's relay published from an
# hour (REPUBLISH_MARGIN_MINUTES) before the dump was taken, as docs/runbook.md "Restore PostgreSQL"
# says. Run it with the services stopped and their environment set (DATABASE_URL, DB_SCHEMA_PREFIX,
# JWT_SECRET, ...); their relays publish the queued events when they start, and the consumers' inboxes
# drop what they had handled. Work done after the dump was taken is not in it: the script says when
# that was.
#
#   DATABASE_URL=postgres://... infra/scripts/restore.sh alur-2026-11-30.dump
set -euo pipefail

dump="${1:?usage: restore.sh <file.dump>}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
prefix="${DB_SCHEMA_PREFIX:-}"
margin="${REPUBLISH_MARGIN_MINUTES:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
republish="$root/dist/libs/platform/src/cli/outbox-republish.main.js"

taken="$(TZ=UTC pg_restore --list "$dump" | sed -n 's/^; Archive created at //p')"
[[ -n $taken ]] || { echo "restore: $dump is not a pg_dump custom-format file" >&2; exit 1; }
[[ -f $republish ]] || { echo "restore: $republish is missing (npm run build first)" >&2; exit 1; }
# REPUBLISH_FROM (ISO 8601) overrides, e.g. for a point-in-time restore or a dump made in another time zone.
from="${REPUBLISH_FROM:-$(date -u -d "$taken - $margin minutes" +%FT%TZ 2>/dev/null || true)}"
[[ -n $from ]] || { echo "restore: cannot read the dump's time ($taken); set REPUBLISH_FROM" >&2; exit 1; }

pg_restore --clean --if-exists --no-owner --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$dump"
echo "restore: $dump restored; it holds the state of $taken — work done after that is gone"

to="$(date -u -d 'now + 1 minute' +%FT%TZ)"
for service in gateway proposals approvals disbursements notifications; do
  has_outbox="$(psql "$DATABASE_URL" -Atc "SELECT 1 FROM information_schema.tables WHERE table_schema = '${prefix}${service}' AND table_name = 'outbox_event'")"
  if [[ $has_outbox != 1 ]]; then
    echo "restore: no ${prefix}${service} schema in the dump; nothing to re-publish for $service"
    continue
  fi
  node "$republish" --service "$service" --from "$from" --to "$to"
done
