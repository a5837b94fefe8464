#!/usr/bin/env bash
# supervise.sh NAME LOG_FILE -- COMMAND [ARGS...]
# Runs COMMAND (one Alur service for `npm start`) and starts it again when it exits, waiting 1, 2, 4 …
# up to 30 s between starts; a run that lasted SUPERVISE_STABLE_S (60 s) resets the wait. Gives up,
# exiting 1, after SUPERVISE_MAX_QUICK_FAILURES (5) runs in a row that each ended within the stable
# time: a service that cannot start (a bad variable) is reported instead of restarted forever.
# SIGTERM or SIGINT stops the service (forwarding SIGTERM so it drains) and then the supervisor.
set -uo pipefail

name=$1 log=$2
shift 2
[[ ${1:-} == -- ]] && shift
base=${SUPERVISE_BACKOFF_BASE_S:-1}
max=${SUPERVISE_BACKOFF_MAX_S:-30}
stable=${SUPERVISE_STABLE_S:-60}
max_quick=${SUPERVISE_MAX_QUICK_FAILURES:-5}

child=''
stopping=0
stop() {
  stopping=1
  [[ -n $child ]] && kill -TERM "$child" 2>/dev/null
}
trap stop TERM INT

note() { printf '%s supervise: %s\n' "$(date -u +%FT%TZ)" "$*" | tee -a "$log" >&2; }

quick=0
delay=$base
while :; do
  started=$SECONDS
  "$@" >>"$log" 2>&1 &
  child=$!
  # wait returns early when a trapped signal arrives: wait again until the service has really gone.
  while :; do
    wait "$child"
    code=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=''
  ((stopping)) && exit 0
  if ((SECONDS - started >= stable)); then
    quick=0
    delay=$base
  else
    quick=$((quick + 1))
  fi
  if ((quick >= max_quick)); then
    note "$name exited with $code, $quick quick failures in a row; giving up (see $log)"
    exit 1
  fi
  note "$name exited with $code; restarting in ${delay} s"
  sleep "$delay" &
  sleeper=$!
  wait "$sleeper"
  kill "$sleeper" 2>/dev/null
  ((stopping)) && exit 0
  delay=$(awk -v d="$delay" -v m="$max" 'BEGIN { d *= 2; print (d > m ? m : d) }')
done
