#!/usr/bin/env bash
# What does recording the audit trail cost on a write endpoint?
#
# Runs the packaged server twice per round on the loopback interface, once recording audit
# events (the default) and once with tenantra.audit.recording=false (a benchmark-only switch
# that stores no event and logs a loud warning), alternating so that drift affects both alike.
# Each run drives POST /api/v1/auth/refresh, an audited write (session row rotated and
# auth.refresh appended to the tenant's hash chain in the same transaction), from CLIENTS
# concurrent clients. With TENANTS=0 (default) they all act in the root tenant: every event goes
# to ONE chain, the worst case for the per-tenant append lock. With TENANTS=N they act as the
# admins of N tenants created for the run (N chains). Prints requests/s per run and the median
# overhead.
#
# Environment: ROUNDS (3), CLIENTS (8), TENANTS (0), WARMUP (10 s), DURATION (20 s), PORT (first
# free port from 18080 on).
# Results are recorded in docs/performance-audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
CLIENTS=${CLIENTS:-8}
TENANTS=${TENANTS:-0}
WARMUP=${WARMUP:-10}
DURATION=${DURATION:-20}
JAR=server/target/tenantra-server.jar
PASSWORD="Bench-Admin-Password-1"

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "${PORT:-}" ]; then
  PORT=18080
  while in_use "$PORT"; do PORT=$((PORT + 1)); done
elif in_use "$PORT"; then
  echo "port $PORT is already in use" >&2; exit 1
fi
BASE="http://127.0.0.1:${PORT}"

if [ ! -f "$JAR" ]; then
  ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package
fi

WORK=$(mktemp -d)
# The load tool creates the tenants over JDBC with the driver the server ships.
unzip -o -j -q "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK"
DRIVER=$(ls "$WORK"/postgresql-*.jar)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

start_server() { # $1 = true|false (audit recording), $2 = data dir; returns 1 if it did not come up
  local recording=$1 data=$2
  SERVER_PORT=$PORT TENANTRA_DATA_DIR="$data" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
    TENANTRA_AUDIT_RECORDING="$recording" \
    java -jar "$JAR" >"$WORK/server-$recording.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
      return 1
    fi
    if curl -fsS --max-time 2 "$BASE/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  return 1
}

run() { # $1 = true|false (audit recording); prints the load line
  local recording=$1 data attempt
  for attempt in 1 2 3; do
    data="$WORK/data-$recording-$attempt-$RANDOM"
    if start_server "$recording" "$data"; then break; fi
    echo "the server did not start (attempt $attempt):" >&2; tail -5 "$WORK/server-$recording.log" >&2
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
    rm -rf "$data"
    [ "$attempt" = 3 ] && exit 1
  done
  if [ "$recording" = false ] && ! grep -q "AUDIT RECORDING IS OFF" "$WORK/server-$recording.log"; then
    echo "the server did not confirm that recording is off" >&2; exit 1
  fi
  local pg_port
  pg_port=$(sed -nE 's/.*Embedded PostgreSQL is listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/server-$recording.log")
  java -cp "$DRIVER" bench/AuditLoad.java "$BASE" "$PASSWORD" "$CLIENTS" "$WARMUP" "$DURATION" \
    "$TENANTS" "jdbc:postgresql://127.0.0.1:${pg_port}/tenantra"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  rm -rf "$data"
}

on=(); off=()
for round in $(seq 1 "$ROUNDS"); do
  line=$(run true);  echo "round $round  recording=on   $line"; on+=("$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")")
  line=$(run false); echo "round $round  recording=off  $line"; off+=("$(sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$line")")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
m_on=$(median "${on[@]}"); m_off=$(median "${off[@]}")
awk -v on="$m_on" -v off="$m_off" -v c="$CLIENTS" 'BEGIN {
  printf "median requests/s with %d clients: recording on %.1f, off %.1f; overhead %.1f %%\n", c, on, off, (off - on) / off * 100 }'
paired=()
for i in "${!on[@]}"; do paired+=("$(awk -v on="${on[$i]}" -v off="${off[$i]}" 'BEGIN { printf "%.1f", (off - on) / off * 100 }')"); done
echo "overhead per round (on vs the off run right after it): ${paired[*]} %; median $(median "${paired[@]}") %"
