#!/usr/bin/env bash
# What does recording the audit trail cost on a write endpoint?
#
# Starts the packaged server twice on the loopback interface, side by side: one recording audit
# events (the default), one with tenantra.audit.recording=false (a benchmark-only switch that
# stores no event and logs a loud warning). bench/AuditLoad.java then drives
# POST /api/v1/auth/refresh, an audited write (session row rotated and auth.refresh appended to
# the tenant's hash chain in the same transaction), from CLIENTS concurrent clients, switching
# all of them between the two servers every SLICE seconds: both see the same background load,
# which on a shared machine varies far more than the effect measured.
#
# With TENANTS=0 (default) all clients act in the root tenant: every event goes to ONE chain, the
# worst case for the per-tenant append lock. With TENANTS=N they act as the admins of N tenants
# created for the run (N chains). Repeats the whole measurement REPEAT times.
#
# Environment: CLIENTS (8), TENANTS (0), WARMUP (90 s: the least warm-up; AuditLoad then goes on
# warming up until the JIT compiler threads of both servers use at most 3 % of their JVM's CPU, or
# until 4 x WARMUP, and says which: on 2 cores C2 is still compiling minutes into a run, and the
# server that records has more to compile), SLICES (10 per server), SLICE (3 s), REPEAT (1),
# CONTROL (false; true runs the "on" server without recording too, an A/A run that shows how far
# apart two identical servers measure, i.e. the method's noise), ENDPOINT (refresh, the cheapest
# audited write there is; user-update instead has every client rename its own user with
# PATCH /api/v1/tenants/{id}/users/{id}, a typical administrative write whose event carries a
# change summary), SKIP_BUILD (false: the jar is rebuilt from a clean tree; see fresh-jar.sh).
# Results are recorded in
# docs/performance-audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-8}
TENANTS=${TENANTS:-0}
WARMUP=${WARMUP:-90}
SLICES=${SLICES:-10}
SLICE=${SLICE:-3}
REPEAT=${REPEAT:-1}
CONTROL=${CONTROL:-false}
JAR=server/target/tenantra-server.jar
PASSWORD="Bench-Admin-Password-1"

# shellcheck source=bench/fresh-jar.sh
. bench/fresh-jar.sh

WORK=$(mktemp -d)
stop_servers() { # the servers this script started, by the pid files it wrote
  local f pid
  for f in "$WORK"/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f"); rm -f "$f"
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  done
}
cleanup() {
  stop_servers
  rm -rf "$WORK"
}
trap cleanup EXIT
# The load tool creates tenants over JDBC with the driver the server ships.
unzip -o -j -q "$JAR" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK"
DRIVER=$(ls "$WORK"/postgresql-*.jar)

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while in_use "$p"; do p=$((p + 1)); done; echo "$p"; }

start() { # $1 = label, $2 = recording true|false, $3 = port; prints LABEL=BASE=JVM_PID=PG_DATA_DIR=OWNER_JDBC_URL
  local label=$1 recording=$2 port=$3 log="$WORK/$1.log" attempt pid
  for attempt in 1 2 3; do
    SERVER_PORT=$port TENANTRA_DATA_DIR="$WORK/data-$label-$attempt" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
      TENANTRA_AUDIT_RECORDING="$recording" java -jar "$JAR" >"$log" 2>&1 &
    pid=$!
    echo "$pid" >"$WORK/$label.pid"
    for _ in $(seq 1 120); do
      kill -0 "$pid" 2>/dev/null || break
      if curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; then
        local pg
        pg=$(sed -nE 's/.*Embedded PostgreSQL is listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$log")
        echo "$label=http://127.0.0.1:$port=$pid=$WORK/data-$label-$attempt/postgres=jdbc:postgresql://127.0.0.1:$pg/tenantra"
        return 0
      fi
      sleep 1
    done
    echo "the $label server did not start (attempt $attempt):" >&2; tail -5 "$log" >&2
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    rm -f "$WORK/$label.pid"
  done
  return 1
}

for run in $(seq 1 "$REPEAT"); do
  port_on=$(free_port 18080)
  if [ "$CONTROL" = true ]; then on=$(start on false "$port_on"); else on=$(start on true "$port_on"); fi
  port_off=$(free_port $((port_on + 1)))
  off=$(start off false "$port_off")
  grep -q "AUDIT RECORDING IS OFF" "$WORK/off.log" || { echo "the off server did not confirm it" >&2; exit 1; }
  result=$(java -cp "$DRIVER" bench/AuditLoad.java "$PASSWORD" "$CLIENTS" "$WARMUP" "$SLICES" "$SLICE" \
    "$TENANTS" "$on" "$off")
  echo "run $run (endpoint=${ENDPOINT:-refresh} clients=$CLIENTS tenants=$TENANTS control=$CONTROL):"
  echo "$result" | sed 's/^/  /'
  rps_on=$(sed -nE 's/^on .*rps=([0-9.]+).*/\1/p' <<<"$result")
  rps_off=$(sed -nE 's/^off .*rps=([0-9.]+).*/\1/p' <<<"$result")
  cpu_on=$(sed -nE 's/^on .*cpu_ms_per_request=([0-9.]+).*/\1/p' <<<"$result")
  cpu_off=$(sed -nE 's/^off .*cpu_ms_per_request=([0-9.]+).*/\1/p' <<<"$result")
  awk -v on="$rps_on" -v off="$rps_off" -v con="$cpu_on" -v coff="$cpu_off" 'BEGIN {
    printf "  overhead of recording: %.1f %% fewer requests/s, %.1f %% more CPU per request\n",
      (off - on) / off * 100, (con - coff) / coff * 100 }'
  stop_servers
  rm -rf "$WORK"/data-*
done
