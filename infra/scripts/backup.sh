#!/usr/bin/env bash
# Backs up the five services' schemas of DATABASE_URL (with DB_SCHEMA_PREFIX, as the services name
# them) into one pg_dump custom-format file, then checks the file reads back. One pg_dump run is one
# snapshot, so the services' outboxes and inboxes in it agree with each other.
#
#   DATABASE_URL=postgres://... infra/scripts/backup.sh alur-$(date +%F).dump
set -euo pipefail

out="${1:?usage: backup.sh <file.dump>}"
: "${DATABASE_URL:?DATABASE_URL must be set}"
prefix="${DB_SCHEMA_PREFIX:-}"

schemas=()
for service in gateway proposals approvals disbursements notifications; do schemas+=("--schema=${prefix}${service}"); done

# In UTC, so that restore.sh can read the snapshot time back whatever the time zone here.
TZ=UTC pg_dump --format=custom --no-owner --file="$out" "${schemas[@]}" "$DATABASE_URL"
pg_restore --list "$out" >/dev/null # the dump is readable
taken="$(TZ=UTC pg_restore --list "$out" | sed -n 's/^; Archive created at //p')"
echo "backup: ${prefix:-<no prefix>} schemas of the five services written to $out (snapshot of $taken)"
