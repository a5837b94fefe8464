#!/usr/bin/env bash
# Makes PostgreSQL, Redis and NATS (JetStream) reachable for local runs and tests.
# Uses DATABASE_URL / REDIS_URL / NATS_URL when set. A service that already answers is used as is;
# a missing one on 127.0.0.1/localhost is installed (Debian packages, root only) and started on loopback.
# Exit codes: 0 all reachable; 1 a service is missing or unreachable; 2 a URL cannot be parsed.
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/alur}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
NATS_URL="${NATS_URL:-nats://127.0.0.1:4222}"
NATS_URL="${NATS_URL%%,*}" # a server list: the first entry is enough to probe

WAIT_TRIES=150 # 150 x 0.2 s = 30 s
export PGCONNECT_TIMEOUT=5

die() { echo "ensure-services: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ $(id -u) -eq 0 ]]; }
is_local() { [[ $1 == 127.0.0.1 || $1 == localhost ]]; }

# parse_url URL DEFAULT_PORT -> sets U_SCHEME U_USERINFO U_USER U_PASS U_HOST U_PORT U_PATH U_QUERY
parse_url() {
  local re='^([a-zA-Z][a-zA-Z0-9+.-]*)://(([^@/]*)@)?([^:/?#]+)(:([0-9]+))?(/([^?#]*))?(\?[^#]*)?$'
  [[ $1 =~ $re ]] || { echo "ensure-services: cannot parse URL '$1'" >&2; exit 2; }
  U_SCHEME=${BASH_REMATCH[1]}
  U_USERINFO=${BASH_REMATCH[3]}
  U_USER=${U_USERINFO%%:*}
  U_PASS=''
  [[ $U_USERINFO == *:* ]] && U_PASS=${U_USERINFO#*:}
  U_HOST=${BASH_REMATCH[4]}
  U_PORT=${BASH_REMATCH[6]:-$2}
  U_PATH=${BASH_REMATCH[8]}
  U_QUERY=${BASH_REMATCH[9]}
}

tcp_open() { timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; }

wait_for() { # wait_for NAME PROBE_FN
  local i
  for ((i = 0; i < WAIT_TRIES; i++)); do
    "$2" && return 0
    sleep 0.2
  done
  die "$1 did not answer within $((WAIT_TRIES / 5)) s"
}

# --- endpoints --------------------------------------------------------------------------------
parse_url "$DATABASE_URL" 5432
PG_HOST=$U_HOST PG_PORT=$U_PORT PG_USER=${U_USER:-postgres} PG_DB=${U_PATH:-postgres}
[[ $PG_DB =~ ^[A-Za-z0-9_-]+$ ]] || { echo "ensure-services: unsupported database name '$PG_DB'" >&2; exit 2; }
# Maintenance connection to the `postgres` db, keeping credentials and options of DATABASE_URL.
PG_ADMIN_URL="${U_SCHEME}://${U_USERINFO:-postgres}@${PG_HOST}:${PG_PORT}/postgres${U_QUERY}"

parse_url "$REDIS_URL" 6379
REDIS_HOST=$U_HOST REDIS_PORT=$U_PORT REDIS_PASS=$U_PASS

parse_url "$NATS_URL" 4222
NATS_HOST=$U_HOST NATS_PORT=$U_PORT

# --- probes -----------------------------------------------------------------------------------
pg_up() {
  if have pg_isready; then pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 1; else tcp_open "$PG_HOST" "$PG_PORT"; fi
}
redis_up() {
  if have redis-cli; then
    [[ $(REDISCLI_AUTH="$REDIS_PASS" timeout 2 redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
  else
    tcp_open "$REDIS_HOST" "$REDIS_PORT"
  fi
}
# The server's INFO line, sent on connect, says whether JetStream is enabled.
NATS_INFO=''
nats_up() {
  NATS_INFO=$(timeout 2 bash -c 'exec 3<>"/dev/tcp/$0/$1" && head -n1 <&3' "$NATS_HOST" "$NATS_PORT" 2>/dev/null) || return 1
  [[ $NATS_INFO == INFO* ]]
}

# --- installing and starting (root, loopback only) --------------------------------------------
APT_UPDATED=0
apt_install() {
  if [[ $APT_UPDATED -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# pg_hba is first-match: the trust line goes on top so no stricter rule shadows it.
ensure_pg_trust() { # ensure_pg_trust HBA_FILE FORCE(0|1)
  local hba=$1 marker='# ensure-services.sh: loopback trust for local development'
  grep -qF "$marker" "$hba" && return 0
  if [[ $2 -eq 0 ]] && grep -Eq "^[[:space:]]*host[[:space:]]+all[[:space:]]+(all|$PG_USER)[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust" "$hba"; then
    return 0
  fi
  printf '%s\nhost all %s 127.0.0.1/32 trust\n' "$marker" "$PG_USER" | cat - "$hba" >"$hba.tmp"
  cat "$hba.tmp" >"$hba" && rm -f "$hba.tmp" # keep the file's owner and mode
}

pg_version() { ls /etc/postgresql 2>/dev/null | head -1; }

start_postgres() {
  local ver
  ver=$(pg_version)
  if [[ -z $ver || ! -d /etc/postgresql/$ver/main ]]; then
    ver=${ver:-$(ls /usr/lib/postgresql | sort -V | tail -1)}
    pg_createcluster -p "$PG_PORT" "$ver" main >/dev/null
  fi
  ensure_pg_trust "/etc/postgresql/$ver/main/pg_hba.conf" 0
  pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main start ||
    echo "postgres: pg_ctlcluster start failed; waiting in case it is already starting" >&2
}

start_redis() {
  # BullMQ keeps timers and deliveries only in Redis: persist them (AOF) and never evict a key.
  local dir=/var/lib/redis
  [[ $REDIS_PORT == 6379 ]] || dir=/var/lib/redis-$REDIS_PORT
  mkdir -p "$dir"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction >/dev/null
}

start_nats() {
  # A store per port so a second test server never shares JetStream files with the main one.
  local store=/var/lib/nats-server
  [[ $NATS_PORT == 4222 ]] || store=/var/lib/nats-server-$NATS_PORT
  mkdir -p "$store"
  # The pidfile scopes --oknodo to this port's server, not any nats-server running on the machine.
  start-stop-daemon --start --oknodo --background --make-pidfile --pidfile "/run/nats-server-$NATS_PORT.pid" \
    --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$store"
}

# --- main -------------------------------------------------------------------------------------
declare -A HOST=([postgres]=$PG_HOST [redis]=$REDIS_HOST [nats]=$NATS_HOST)
declare -A PORT=([postgres]=$PG_PORT [redis]=$REDIS_PORT [nats]=$NATS_PORT)
declare -A PROBE=([postgres]=pg_up [redis]=redis_up [nats]=nats_up)
declare -A PKG=([postgres]=postgresql [redis]=redis-server [nats]=nats-server)
declare -A BIN=([postgres]=pg_ctlcluster [redis]=redis-server [nats]=/usr/sbin/nats-server)
declare -A START=([postgres]=start_postgres [redis]=start_redis [nats]=start_nats)
declare -A STATE=()
SERVICES=(postgres redis nats)

down=()
for s in "${SERVICES[@]}"; do
  if "${PROBE[$s]}"; then STATE[$s]=reachable; else down+=("$s"); fi
done

if ((${#down[@]})); then
  problems=() to_install=()
  for s in "${down[@]}"; do
    if ! is_local "${HOST[$s]}"; then
      problems+=("$s is not reachable at ${HOST[$s]}:${PORT[$s]} (remote host: start it there)")
    elif ! have "${BIN[$s]}"; then
      if is_root; then to_install+=("${PKG[$s]}"); else problems+=("$s is not installed (sudo apt-get install -y ${PKG[$s]}, then rerun this script as root)"); fi
    elif ! is_root; then
      problems+=("$s is installed but not running on ${HOST[$s]}:${PORT[$s]} (rerun this script as root to start it)")
    fi
  done
  if ((${#problems[@]})); then
    printf 'ensure-services: %s\n' "${problems[@]}" >&2
    exit 1
  fi
  if ((${#to_install[@]})); then
    echo "installing: ${to_install[*]}"
    apt_install "${to_install[@]}"
  fi
  for s in "${down[@]}"; do
    # A package's install script may already have started it.
    if ! "${PROBE[$s]}"; then "${START[$s]}"; fi
    wait_for "$s at ${HOST[$s]}:${PORT[$s]}" "${PROBE[$s]}"
    STATE[$s]=started
  done
fi

[[ $NATS_INFO == *'"jetstream":true'* ]] ||
  die "nats at $NATS_HOST:$NATS_PORT runs without JetStream; restart nats-server with -js (or jetstream {} in its config)"

# The database named in DATABASE_URL must exist; trust on 127.0.0.1 is what local tests rely on.
if ! have psql; then
  if is_root && is_local "$PG_HOST"; then apt_install postgresql-client; else die "psql not found (apt-get install -y postgresql-client)"; fi
fi
pg_query() { psql -d "$PG_ADMIN_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"; }
pg_login() { pg_query 'select 1' >/dev/null 2>&1; }
if ! pg_login; then
  err=$(pg_query 'select 1' 2>&1 | head -1 || true)
  hba="/etc/postgresql/$(pg_version)/main/pg_hba.conf"
  # Only an authentication refusal is fixed by a trust line; anything else (missing role...) is reported.
  [[ $err =~ pg_hba\.conf|authentication ]] && is_root && is_local "$PG_HOST" && [[ -f $hba ]] ||
    die "postgres at $PG_HOST:$PG_PORT refuses login as $PG_USER: $err"
  ensure_pg_trust "$hba" 1
  pg_ctlcluster --skip-systemctl-redirect "$(pg_version)" main reload
  wait_for "postgres login as $PG_USER on $PG_HOST:$PG_PORT" pg_login
fi
if [[ -z $(pg_query "select 1 from pg_database where datname = '$PG_DB'") ]]; then
  pg_query "create database \"$PG_DB\"" >/dev/null
  db_note="database $PG_DB created"
else
  db_note="database $PG_DB exists"
fi

echo "postgres: ${STATE[postgres]} at $PG_HOST:$PG_PORT ($db_note)"
echo "redis: ${STATE[redis]} at $REDIS_HOST:$REDIS_PORT"
echo "nats: ${STATE[nats]} at $NATS_HOST:$NATS_PORT (JetStream enabled)"
