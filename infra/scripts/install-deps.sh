#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lock file (a fresh clone).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
