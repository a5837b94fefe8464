#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lock file (a fresh clone).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  # npm install, not npm ci: npm 11 rejects this lock file's optional per-platform entries in ci
  # mode (npm 10 accepts it). npm install keeps the locked versions all the same.
  echo "install: npm install (locked versions)"
  npm install --no-audit --no-fund --loglevel=error
fi
