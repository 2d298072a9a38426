#!/usr/bin/env bash
# Console at scale (docs/performance.md, "Console at scale"): against the shipped server jar
# (embedded PostgreSQL, default JVM options), one tenant with AGENTS agents and, on one of them, a
# files module result of ITEMS items; times the agents list, the agent page, the module table
# (first page, a search, a sort by a column, page 100) and the scans page as a signed-in admin,
# reporting each page's server time (its Server-Timing header, p50/p95) next to the loopback latency.
# Environment (all optional): AGENTS=1000 ITEMS=100000 RUNS=20 SKIP_BUILD=false
# Run it only on a quiet machine (load average below 3).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

AGENTS="${AGENTS:-1000}"
ITEMS="${ITEMS:-100000}"
RUNS="${RUNS:-20}"
PASSWORD="Bench-Console-$(date +%s)"

# shellcheck source=bench/fresh-jar.sh
. bench/fresh-jar.sh

WORK=$(mktemp -d)
cp server/target/tenantra-server.jar "$WORK/server.jar"
PID_FILE="$WORK/server.pid"
cleanup() {
  if [ -f "$PID_FILE" ]; then
    pid=$(cat "$PID_FILE"); kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

unzip -o -j -q "$WORK/server.jar" 'BOOT-INF/lib/postgresql-*.jar' -d "$WORK"
DRIVER=$(ls "$WORK"/postgresql-*.jar)

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=18193; while in_use "$PORT"; do PORT=$((PORT + 1)); done
SERVER_PORT=$PORT TENANTRA_DATA_DIR="$WORK/data" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
  java ${SERVER_JAVA_OPTS:-} -jar "$WORK/server.jar" >"$WORK/server.log" 2>&1 &
echo $! >"$PID_FILE"
for _ in $(seq 1 180); do
  curl -fsS --max-time 2 "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
PG=$(sed -nE 's/.*Embedded PostgreSQL is listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/server.log")
[ -n "$PG" ] || { echo "the server did not start:" >&2; tail -20 "$WORK/server.log" >&2; exit 1; }

echo "date=$(date -u +%FT%TZ) nproc=$(nproc) java=$(java -version 2>&1 | head -1) load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: AGENTS=$AGENTS ITEMS=$ITEMS RUNS=$RUNS bench/run-console.sh"
java -cp "$DRIVER" bench/ConsoleBench.java "http://127.0.0.1:$PORT" "jdbc:postgresql://127.0.0.1:$PG/tenantra" \
  "$PASSWORD" "$AGENTS" "$ITEMS" "$RUNS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
