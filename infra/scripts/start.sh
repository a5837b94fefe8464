#!/usr/bin/env bash
# npm start: the whole system with demo data. Installs what is missing, reaches or starts PostgreSQL,
# NATS and Redis, migrates and seeds, starts the five services and stops them all on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash infra/scripts/install-deps.sh
bash infra/scripts/ensure-services.sh
echo "build: tsc"
npm run --silent build
echo "build: web console"
npm run --silent build:web

export NODE_ENV="${NODE_ENV:-development}"

# Secrets: generated once per machine into a git-ignored file, never a value known from the source.
# A secret added by a later version is appended to an existing file.
secrets_file=.alur/secrets.env
mkdir -p "$(dirname "$secrets_file")"
touch "$secrets_file"
chmod 600 "$secrets_file"
for name in JWT_SECRET RPC_ASSERTION_SECRET NATS_GATEWAY_PASSWORD NATS_PROPOSALS_PASSWORD NATS_APPROVALS_PASSWORD \
  NATS_DISBURSEMENTS_PASSWORD NATS_NOTIFICATIONS_PASSWORD; do
  if ! grep -q "^$name=" "$secrets_file"; then
    printf '%s=%s\n' "$name" "$(node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')" >>"$secrets_file"
    echo "secrets: generated $name in $secrets_file (kept for this machine; git ignores it)"
  fi
done
# What the environment already sets wins over the files.
source infra/scripts/env-file.sh
export_missing_from "$secrets_file"
# How every service process runs (glibc malloc tunables, Node flags): the file the image and the benches read too.
export_missing_from infra/service-runtime.env
LOG_DIR="${LOG_DIR:-logs}"
mkdir -p "$LOG_DIR"

pids=()
nats_pid=''
stop() {
  trap - INT TERM EXIT
  echo
  echo "stopping: ${#pids[@]} service(s)"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  # NATS last: the services drain their connections to it as they stop.
  if [[ -n $nats_pid ]]; then
    kill -TERM "$nats_pid" 2>/dev/null || true
    wait "$nats_pid" 2>/dev/null || true
  fi
  echo "stopped"
}
trap 'stop; exit 130' INT TERM
trap stop EXIT

# NATS as the deployments run it: a server of this run's own (on ALUR_NATS_PORT, 4223) with a user per
# service that may publish only its own events and answer only its own requests. A NATS_URL set by
# the caller is used as it is (then NATS_USER/NATS_PASSWORD are the caller's to give).
nats_auth=0
if [[ -z ${NATS_URL:-} ]]; then
  nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  [[ -x $nats_bin ]] || { echo "nats: nats-server not found (install Debian's nats-server, or set NATS_URL)" >&2; exit 1; }
  nats_port=${ALUR_NATS_PORT:-4223}
  if timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$nats_port" 2>/dev/null; then
    echo "nats: port $nats_port is taken (another npm start?); stop it or set ALUR_NATS_PORT" >&2
    exit 1
  fi
  mkdir -p .alur/nats
  node dist/libs/messaging/src/nats/local-nats-conf.main.js .alur/nats/nats.conf "$nats_port" "$PWD/.alur/nats/jetstream"
  "$nats_bin" -c .alur/nats/nats.conf >>"$LOG_DIR/nats.log" 2>&1 &
  nats_pid=$!
  for ((i = 0; i < 150; i++)); do
    timeout 1 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"' "$nats_port" 2>/dev/null && break
    sleep 0.2
  done
  export NATS_URL="nats://127.0.0.1:$nats_port"
  nats_auth=1
  echo "nats: $NATS_URL with a user per service (config .alur/nats/nats.conf, log $LOG_DIR/nats.log)"
fi
# The environment that runs a command as SERVICE's NATS user (`env NATS_USER=… NATS_PASSWORD=…`), when
# this run has users: `env` execs the command, so a background job's pid stays the command's own.
service_env() {
  service_env_=()
  if ((nats_auth)); then
    local password_var="NATS_${1^^}_PASSWORD"
    service_env_=(env "NATS_USER=$1" "NATS_PASSWORD=${!password_var}")
  fi
}

# Demo data: each seed migrates its service's schema first; every seed refuses NODE_ENV=production.
for seed in dist/apps/*/src/seed/seed-demo.main.js; do
  service=${seed#dist/apps/}
  service=${service%%/*}
  service_env "$service"
  [[ -f $seed ]] && "${service_env_[@]}" node "$seed"
done

port_of() { local var="${1^^}_PORT" fallback=$2; echo "${!var:-$fallback}"; }
# A local SMTP server that keeps demo e-mail, readable in the browser.
node dist/apps/notifications/src/dev/mail-catcher.main.js >>"$LOG_DIR/mail-catcher.log" 2>&1 &
pids+=($!)

declare -A ports=([gateway]=3000 [proposals]=3001 [approvals]=3002 [disbursements]=3003 [notifications]=3004)
for service in proposals approvals disbursements notifications gateway; do
  # Restarted with back-off when it crashes, instead of stopping everything (infra/scripts/supervise.sh).
  service_env "$service"
  "${service_env_[@]}" bash infra/scripts/supervise.sh "$service" "$LOG_DIR/$service.log" -- node "dist/apps/$service/src/main.js" &
  pids+=($!)
done

host="${HTTP_HOST:-127.0.0.1}"
for service in proposals approvals disbursements notifications gateway; do
  port=$(port_of "$service" "${ports[$service]}")
  for ((i = 0; i < 300; i++)); do
    curl -fsS "http://$host:$port/health" >/dev/null 2>&1 && break
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "a service exited during start-up; see $LOG_DIR/*.log" >&2; tail -n 20 "$LOG_DIR/$service.log" >&2; exit 1; }
    done
    sleep 0.2
  done
  curl -fsS "http://$host:$port/health" >/dev/null || { echo "$service did not become healthy; see $LOG_DIR/$service.log" >&2; exit 1; }
  printf '%-14s http://%s:%s  (health: /health, logs: %s/%s.log)\n' "$service" "$host" "$port" "$LOG_DIR" "$service"
done

gateway="http://$host:$(port_of gateway 3000)"
# Demo proposals, made through the API once the services are up (those already there are kept). Not fatal: the
# system runs without them.
node dist/apps/gateway/src/seed/demo-proposals.main.js "$gateway" ||
  echo "demo proposals: not made (see above); the system runs without them" >&2
cat <<INFO

Alur is running.
  Web console    $gateway/   (public transparency page: $gateway/transparansi)
  API            $gateway/api/v1   (OpenAPI: $gateway/api/docs)
  Demo e-mail    http://127.0.0.1:${MAIL_CATCHER_HTTP_PORT:-1080}/
  Demo logins    password alur-demo for every user; each of these finds something waiting:
                   bkm.14.03.09.1004    BKM of Balik Alam, Mandau: a draft, and a grant being paid
                   lurah.14.03.09.1006  camat.14.03.09  dinas  sekda  bupati: a proposal each to decide
                   bpkad                a tranche whose SPM to prepare (BPKAD's first official)
                   bpkad.kuasa-bud      an SPM to authorise, releasing its SP2D (Kuasa BUD, the second)
                   bkm.14.03.09.1001    a proposal returned for revision, with the Lurah's note
                   admin                users, programmes, holidays, deliveries, the audit trail
                   inspektorat          every proposal and the audit trails, to read (the regency's inspectorate)
  Try            curl -s $gateway/api/v1/auth/login -H 'content-type: application/json' \\
                   -d '{"username":"bkm.14.03.09.1004","password":"alur-demo"}'

Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}" ${nats_pid:+"$nats_pid"} || true
echo "a service stopped unexpectedly; see $LOG_DIR/*.log" >&2
exit 1
