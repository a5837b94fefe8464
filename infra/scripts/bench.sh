#!/usr/bin/env bash
# Runs one benchmark against the local servers: bash infra/scripts/bench.sh <name> (events, reminders...).
# Builds first when the bench's entry is missing or older than the sources; results go to bench/results/.
set -euo pipefail

cd "$(dirname "$0")/../.."
name="${1:-}"
[[ -n $name ]] || { echo "usage: bash infra/scripts/bench.sh <name>" >&2; exit 2; }

if [[ ! -d bench/$name ]]; then
  echo "bench '$name': not built yet (no bench/$name/ in this tree)"
  exit 0
fi
entry="dist/bench/$name/main.js"

[[ -d node_modules ]] || npm install --no-audit --no-fund
bash infra/scripts/ensure-services.sh

stale=0
if [[ ! -f $entry ]]; then
  stale=1
elif [[ -n $(find apps libs bench -name '*.ts' -newer "$entry" -print -quit 2>/dev/null) ]]; then
  stale=1
fi
if ((stale)); then
  echo "building..."
  npm run --silent build
fi
if [[ ! -f $entry ]]; then
  echo "bench '$name': not built yet ($entry is missing after the build: bench/$name/main.ts does not exist)"
  exit 0
fi

exec node "$entry"
