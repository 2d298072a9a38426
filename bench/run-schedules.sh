#!/usr/bin/env bash
# Scheduled-scan reliability (docs/performance.md, "Scheduled scans"): two server processes (the
# shipped jar) on one PostgreSQL (hosted by a third process that runs no schedules), TENANTS x PER_TENANT schedules at a one-minute cadence for
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
  # The measured servers first, the database host last.
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill "${PIDS[$i]}" 2>/dev/null || true
    while kill -0 "${PIDS[$i]}" 2>/dev/null; do sleep 0.5; done
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

unzip -o -j -q "$WORK/server.jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK"
DRIVER=$(ls "$WORK"/postgresql-*.jar)
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
KEYS=$(head -c 32 /dev/urandom | base64)

wait_ready() { # name port
  for _ in $(seq 1 240); do
    curl -fsS --max-time 2 "http://127.0.0.1:$2/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "server $1 did not start:" >&2; tail -30 "$WORK/$1.log" >&2; exit 1
}
# The database: a third server process whose embedded PostgreSQL both measured processes use as
# their external database (initdb refuses to run as root here; the embedded server does not). It
# runs no schedules itself, so killing A or B never takes the database with it.
PORT_DB=$(free_port 18300)
mkdir -p "$WORK/db"
SERVER_PORT=$PORT_DB TENANTRA_DATA_DIR="$WORK/db" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
  TENANTRA_SECRETS_KEYS="$KEYS" TENANTRA_SCHEDULING_ENABLED=false \
  java $SERVER_JAVA_OPTS -jar "$WORK/server.jar" >"$WORK/db.log" 2>&1 &
PIDS+=($!)
wait_ready db "$PORT_DB"
PG=$(sed -nE 's/.*Embedded PostgreSQL is listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/db.log")
[ -n "$PG" ] || { echo "no embedded PostgreSQL port in the log" >&2; exit 1; }
JDBC="jdbc:postgresql://127.0.0.1:$PG/tenantra"

start_server() { # name port
  mkdir -p "$WORK/$1"
  SERVER_PORT=$2 TENANTRA_DATA_DIR="$WORK/$1" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
    TENANTRA_DATABASE_URL="$JDBC" TENANTRA_DATABASE_USERNAME=postgres TENANTRA_DATABASE_PASSWORD= \
    TENANTRA_SECRETS_KEYS="$KEYS" \
    java $SERVER_JAVA_OPTS -jar "$WORK/server.jar" >>"$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$WORK/$1.pid"
  wait_ready "$1" "$2"
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
