#!/usr/bin/env bash
# Compliance benchmark (see bench/README.md, section run-compliance.sh). On this machine, in one run,
# against the shipped server jar (embedded PostgreSQL, default JVM options):
#   1. re-evaluating the built-in content over ASSETS assets' stored scan results (the facts this
#      host's agent collects, the same for every asset), started by an enablement change and read
#      from the run's own start and finish times;
#   2. GET .../compliance/summary with those assets and DAYS days of history, p50/p95/p99 and
#      requests/s, against GET /api/v1/ping measured the same way in the same run (the ceiling).
# Environment (all optional): ASSETS=10000 ITEM_CAP=500 DAYS=365 CLIENTS=16 REQUESTS=4000 SKIP_BUILD=false
# SERVER_JAVA_OPTS (say, a flight recording) are passed to the server JVM.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ASSETS="${ASSETS:-10000}"
ITEM_CAP="${ITEM_CAP:-500}"
DAYS="${DAYS:-365}"
CLIENTS="${CLIENTS:-16}"
REQUESTS="${REQUESTS:-4000}"
PASSWORD="Bench-Compliance-$(date +%s)"

# shellcheck source=bench/fresh-jar.sh
. bench/fresh-jar.sh
AGENT_JAR=agent/target/tenantra-agent.jar
[ -f "$AGENT_JAR" ] || ./mvnw -B -q -o -DskipTests -Dspotless.check.skip=true -pl model,agent package

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

echo "Scanning this host once for the facts every asset will carry..."
TENANTRA_AGENT_HOME="$WORK/agent-home" java -jar "$AGENT_JAR" scan --once --output "$WORK/facts.json" || true
[ -s "$WORK/facts.json" ] || { echo "the agent wrote no scan document" >&2; exit 1; }

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
PORT=18093; while in_use "$PORT"; do PORT=$((PORT + 1)); done
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
echo "command: ASSETS=$ASSETS ITEM_CAP=$ITEM_CAP DAYS=$DAYS CLIENTS=$CLIENTS REQUESTS=$REQUESTS bench/run-compliance.sh"
java -cp "$DRIVER" bench/ComplianceBench.java "http://127.0.0.1:$PORT" "jdbc:postgresql://127.0.0.1:$PG/tenantra" \
  "$PASSWORD" "$WORK/facts.json" "$ASSETS" "$ITEM_CAP" "$DAYS" "$CLIENTS" "$REQUESTS"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
