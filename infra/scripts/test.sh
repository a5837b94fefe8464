#!/usr/bin/env bash
# npm test: every test — unit, integration and end-to-end — against the real PostgreSQL, NATS and Redis.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/install-deps.sh
# Tests get their own database; each test file adds its own schemas, stream and queue prefix inside it.
export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/alur_test}"
bash infra/scripts/ensure-services.sh
# The build type-checks the services and produces the processes that tests start and SIGKILL.
echo "build: tsc"
npm run --silent build
# The browser tests (test/web) drive Debian's Chromium through the web console the gateway serves.
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
# The build leaves tests out of dist; they are type-checked too, linted and format-checked (Prettier,
# .prettierrc.json; `npm run format` fixes it; eslint.config.mjs: no
# floating promises, apps never import each other, domain code imports no framework, the console only
# browser-safe libs), beside the web console's build (which type-checks the console and its tests).
echo "build: web console; type-check and lint: everything, tests included"
npm run --silent typecheck &
typecheck=$!
npm run --silent lint &
lint=$!
npm run --silent build:web
wait "$typecheck"
wait "$lint"

report="$(mktemp -d)/jest.json"
status=0
npx jest --ci --json --outputFile="$report" "$@" || status=$?
# One closing line that any CI reader understands, whatever Jest printed above it.
node -e '
  const r = require(process.argv[1]);
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$report" || true
exit $status
