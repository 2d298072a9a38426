#!/usr/bin/env bash
# Agents benchmark for Tenantra (see bench/README.md, section run-agents.sh).
#
# Measures, on this machine and in this one run, against the shipped server jar:
#   1. the trivial-endpoint ceiling: wrk against GET /api/v1/ping;
#   2. signed heartbeats (POST /api/v1/agent/heartbeat) from many enrolled agents, with wrk and
#      pre-signed tokens (real Ed25519 keys and signatures); ratio to the ceiling; the sustained
#      agent count at a 60 s heartbeat; database commits during the run (coalescing);
#   3. idle job polls (GET /api/v1/agent/jobs?waitSeconds=0) the same way, with the database
#      commits during the run (an idle poll must not query the database);
#   4. ingestion: signed, gzip result uploads through the API vs COPY of the same rows into the
#      same table, rows/s and the ratio.
# Prints a Markdown summary block for docs/performance-agents.md at the end.
#
# Environment (all optional):
#   PORT=18091 AGENTS=1000 DURATION=10s WARMUP=3s ROUNDS=3 ITEMS=100 MODULES=11 UPLOAD_CONCURRENCY=16
#   READY_TIMEOUT=180 JAVA=java
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_JAR="$ROOT/server/target/tenantra-server.jar"
AGENT_JAR="$ROOT/agent/target/tenantra-agent.jar"

COMMAND_ENV=""
for var in PORT AGENTS DURATION WARMUP ITEMS MODULES UPLOAD_CONCURRENCY ROUNDS READY_TIMEOUT JAVA; do
    if [[ -n "${!var+x}" ]]; then COMMAND_ENV+="$var=${!var} "; fi
done
COMMAND="${COMMAND_ENV}bench/run-agents.sh"

PORT="${PORT:-18091}"
AGENTS="${AGENTS:-1000}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-3s}"
ITEMS="${ITEMS:-100}"
MODULES="${MODULES:-11}"
UPLOAD_CONCURRENCY="${UPLOAD_CONCURRENCY:-16}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
ROUNDS="${ROUNDS:-3}"
JAVA="${JAVA:-java}"
ALL_ERRORS=""
THREADS=2
CONNECTIONS=50
BASE="http://127.0.0.1:$PORT"

die() { echo "ERROR: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

[[ -f "$SERVER_JAR" ]] || die "$SERVER_JAR is missing. Build first, from $ROOT: ./mvnw -B -DskipTests package"
[[ -f "$AGENT_JAR" ]] || die "$AGENT_JAR is missing. Build first, from $ROOT: ./mvnw -B -DskipTests package"
command -v wrk >/dev/null 2>&1 || die "wrk is not installed (Debian/Ubuntu: sudo apt-get install -y wrk)"
command -v curl >/dev/null 2>&1 || die "curl is not installed"
command -v unzip >/dev/null 2>&1 || die "unzip is not installed"
command -v "$JAVA" >/dev/null 2>&1 || die "'$JAVA' not found"
[[ "$AGENTS" =~ ^[1-9][0-9]*$ ]] || die "AGENTS must be a positive integer"
curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null && die "something already answers on 127.0.0.1:$PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tenantra-bench-agents.XXXXXX")"
SERVER_PID=""
cp "$SERVER_JAR" "$WORK/tenantra-server.jar"
cp "$AGENT_JAR" "$WORK/tenantra-agent.jar"
unzip -q -j -o "$WORK/tenantra-server.jar" 'BOOT-INF/lib/postgresql-*.jar' 'BOOT-INF/lib/bcprov-*.jar' -d "$WORK/lib"
CP="$WORK/tenantra-agent.jar:$(ls "$WORK"/lib/postgresql-*.jar):$(ls "$WORK"/lib/bcprov-*.jar)"
LOAD="$ROOT/bench/agents/AgentLoad.java"
PASSWORD="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"
STATE="$WORK/state"

stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    local pid="$SERVER_PID" waited=0
    SERVER_PID=""
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        while kill -0 "$pid" 2>/dev/null && ((waited < 600)); do sleep 0.1; waited=$((waited + 1)); done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    local rc=$?
    stop_server
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

load() { "$JAVA" -cp "$CP" "$LOAD" "$@"; }

to_ms() {
    awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}
seconds() { awk -v d="$1" 'BEGIN { n = d + 0; if (d ~ /m$/) n *= 60; print n }'; }

# run_wrk <label> <path>: plain wrk when TOKENS_WARM is empty, else signed agent requests from
# pre-signed token files (TOKENS_WARM for the warm-up, exported TOKENS, METHOD, BODY for the run).
# Sets RPS, P50, P99, ERRORS.
run_wrk() {
    local label="$1" path="$2" out
    log "$label: warm-up $WARMUP (discarded)"
    if [[ -n "${TOKENS_WARM:-}" ]]; then
        TOKENS="$TOKENS_WARM" THREADS="$THREADS" REQUEST_PATH="$path" \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/agents/wrk-agent.lua" "$BASE$path" >/dev/null
        if [[ -n "${COUNT_COMMITS:-}" ]]; then
            # PostgreSQL publishes an idle backend's statistics up to 10 s late: let the warm-up's
            # commits (first sight of each agent fills the node's identity cache) land first.
            sleep 11
            COMMITS_START="$(load commits "$PG_URL")"
            [[ -z "${DIAG:-}" ]] || load tables "$PG_URL" >"$WORK/tables-before.txt"
        fi
        log "$label: measuring $DURATION"
        out="$(THREADS="$THREADS" REQUEST_PATH="$path" \
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/agents/wrk-agent.lua" "$BASE$path")"
    else
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$BASE$path" >/dev/null
        log "$label: measuring $DURATION"
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE$path")"
    fi
    if [[ -n "${TOKENS_WARM:-}" && -n "${COUNT_COMMITS:-}" ]]; then
        sleep 11
        COMMITS_END="$(load commits "$PG_URL")"
        if [[ -n "${DIAG:-}" ]]; then
            load tables "$PG_URL" >"$WORK/tables-after.txt"
            diff "$WORK/tables-before.txt" "$WORK/tables-after.txt" >&2 || true
        fi
    fi
    echo "$out" >&2
    RPS="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")"
    P50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
    P99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
    ERRORS=""
    local non2xx sock
    non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")"
    sock="$(grep -o 'Socket errors:.*' <<<"$out" || true)"
    [[ -n "$non2xx" ]] && ERRORS+="non-2xx responses: $non2xx; "
    [[ -n "$sock" ]] && ERRORS+="$sock; "
    [[ -n "$RPS" && -n "$P50" && -n "$P99" ]] || die "could not parse the wrk output for $label"
    [[ -z "$ERRORS" ]] || echo "WARNING: $label: $ERRORS" >&2
}

# ---------------------------------------------------------------- server
log "starting the server (fresh data dir)"
(cd "$WORK" && exec env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS -u TENANTRA_DATABASE_URL \
    SERVER_PORT="$PORT" TENANTRA_DATA_DIR="$WORK/data" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
    "$JAVA" -jar "$WORK/tenantra-server.jar") >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
t0=$(date +%s)
until [[ "$(curl -s --max-time 2 "$BASE/actuator/health/readiness" 2>/dev/null)" == *'"status":"UP"'* ]]; do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/server.log" >&2; die "the server exited"; }
    (($(date +%s) - t0 < READY_TIMEOUT)) || die "the server was not ready after ${READY_TIMEOUT}s"
    sleep 0.2
done
PG_PORT="$(sed -n 's/.*Embedded PostgreSQL is listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)"
[[ -n "$PG_PORT" ]] || die "could not find the embedded PostgreSQL port in the server log"
PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/tenantra"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"

log "enrolling $AGENTS simulated agents (real Ed25519 keys)"
ENROLL_OUT="$(load setup "$BASE" "$PASSWORD" "$AGENTS" "$STATE")"
echo "$ENROLL_OUT" >&2

# ---------------------------------------------------------------- 1-3. ceiling, heartbeats, idle polls
# The machine is shared: a burst from a neighbour during one measurement and not the other
# would make a single ratio meaningless. So ping, heartbeat and poll runs alternate, ROUNDS
# times, each ratio is taken within its round, and the median ratio is reported.
# Database commits are counted in round 1 only (the count needs 10 s pauses, see run_wrk).
log "priming: one poll per agent, after which each is known idle"
load prime "$BASE" "$STATE" >&2
HB_RATIOS=() POLL_RATIOS=() HB_RATES=() ROUND_LINES=""
for round in $(seq 1 "$ROUNDS"); do
    TOKENS_WARM=""
    run_wrk "round $round: GET /api/v1/ping" "/api/v1/ping"
    PING_RPS="$RPS" PING_P50="$P50" PING_P99="$P99"
    ALL_ERRORS+="${ERRORS:+ping round $round: $ERRORS}"
    # Three times the ceiling's count: a later run may be faster than the ceiling was, and running
    # out would show as non-2xx replays, never as silent reuse.
    WARM_TOKENS=$(awk -v r="$PING_RPS" -v s="$(seconds "$WARMUP")" 'BEGIN { printf "%d", r * s * 3 + 1000 }')
    RUN_TOKENS=$(awk -v r="$PING_RPS" -v s="$(seconds "$DURATION")" 'BEGIN { printf "%d", r * s * 3 + 1000 }')
    COUNT_COMMITS=""
    [[ "$round" == 1 ]] && COUNT_COMMITS=1

    load tokens "$BASE" "$STATE" heartbeat "$WARM_TOKENS" heartbeat-warm.tokens
    load tokens "$BASE" "$STATE" heartbeat "$RUN_TOKENS" heartbeat.tokens
    export TOKENS="$STATE/heartbeat.tokens" METHOD=POST BODY='{"agentVersion":"bench","spooledResults":0}'
    TOKENS_WARM="$STATE/heartbeat-warm.tokens"
    run_wrk "round $round: POST /api/v1/agent/heartbeat" "/api/v1/agent/heartbeat"
    HB_RPS="$RPS" HB_P50="$P50" HB_P99="$P99"
    ALL_ERRORS+="${ERRORS:+heartbeat round $round: $ERRORS}"
    [[ "$round" == 1 ]] && HB_COMMITS=$((COMMITS_END - COMMITS_START))

    load tokens "$BASE" "$STATE" poll "$WARM_TOKENS" poll-warm.tokens
    load tokens "$BASE" "$STATE" poll "$RUN_TOKENS" poll.tokens
    export TOKENS="$STATE/poll.tokens" METHOD=GET BODY=""
    TOKENS_WARM="$STATE/poll-warm.tokens"
    run_wrk "round $round: GET /api/v1/agent/jobs?waitSeconds=0" "/api/v1/agent/jobs?waitSeconds=0"
    POLL_RPS="$RPS" POLL_P50="$P50" POLL_P99="$P99"
    ALL_ERRORS+="${ERRORS:+poll round $round: $ERRORS}"
    [[ "$round" == 1 ]] && POLL_COMMITS=$((COMMITS_END - COMMITS_START))

    HB_RATES+=("$HB_RPS")
    HB_RATIOS+=("$(awk -v a="$HB_RPS" -v b="$PING_RPS" 'BEGIN { printf "%.2f", a / b }')")
    POLL_RATIOS+=("$(awk -v a="$POLL_RPS" -v b="$PING_RPS" 'BEGIN { printf "%.2f", a / b }')")
    ROUND_LINES+="| $round | $PING_RPS req/s (p50 $PING_P50, p99 $PING_P99 ms) | $HB_RPS req/s (p50 $HB_P50, p99 $HB_P99 ms) | ${HB_RATIOS[-1]} | $POLL_RPS req/s (p50 $POLL_P50, p99 $POLL_P99 ms) | ${POLL_RATIOS[-1]} |
"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
HB_RATIO="$(median "${HB_RATIOS[@]}")"
POLL_RATIO="$(median "${POLL_RATIOS[@]}")"
HB_MEDIAN_RPS="$(median "${HB_RATES[@]}")"

# ---------------------------------------------------------------- 4. ingestion vs COPY
log "ingestion: $AGENTS uploads of $MODULES modules x $ITEMS items, $UPLOAD_CONCURRENCY in flight; then COPY"
# The first round warms the ingestion path up (JIT); the second is the figure.
INGEST_COLD="$(load ingest "$BASE" "$PASSWORD" "$STATE" "$ITEMS" "$MODULES" "$UPLOAD_CONCURRENCY" "$PG_URL")"
echo "cold round (discarded): $INGEST_COLD" >&2
INGEST="$(load ingest "$BASE" "$PASSWORD" "$STATE" "$ITEMS" "$MODULES" "$UPLOAD_CONCURRENCY" "$PG_URL")"
echo "$INGEST" >&2
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"${2:-$INGEST}"; }
COLD_RATIO="$(field ratio "$INGEST_COLD")"
LOAD_AT_END="$(cut -d' ' -f1-3 /proc/loadavg)"
stop_server

# ---------------------------------------------------------------- summary
SUSTAINED="$(awk -v r="$HB_MEDIAN_RPS" 'BEGIN { printf "%d", r * 60 }')"
JAVA_VERSION="$("$JAVA" -version 2>&1 | head -n 1)"
CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
MEM="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ]]; then REV+=" (working tree has local changes)"; fi

cat <<SUMMARY

----------------------------------------------------------------- paste into docs/performance-agents.md
### Agents run $(date -u '+%Y-%m-%d %H:%M UTC')

Command: \`$COMMAND\` (from the repository root)

- Machine: \`nproc\` = $(nproc), $CPU, $MEM RAM; load average (1/5/15 min) at start $LOAD_AT_START, at the end $LOAD_AT_END
- Java: \`$JAVA_VERSION\`, default JVM options; code at $REV
- $AGENTS simulated agents enrolled through the API (${ENROLL_OUT}); wrk on the same machine, $THREADS threads,
  $CONNECTIONS connections, $WARMUP warm-up discarded, then $DURATION measured, ping / heartbeat / poll
  alternating for $ROUNDS rounds; agent requests carry pre-signed tokens (one per request,
  round-robin over the agents, every one verified by the server)

| Round | GET /api/v1/ping (ceiling) | POST /api/v1/agent/heartbeat (signed) | heartbeat/ping | GET /api/v1/agent/jobs?waitSeconds=0 (idle, signed) | poll/ping |
|---|---|---|---|---|---|
${ROUND_LINES}
| Measure | Result |
|---|---|
| heartbeat/ping, median of $ROUNDS rounds | **$HB_RATIO** (rounds: ${HB_RATIOS[*]}) |
| agents sustained at a 60 s heartbeat (median heartbeat rate $HB_MEDIAN_RPS req/s x 60) | **$SUSTAINED** |
| database commits during round 1's measured heartbeat run ($DURATION) | $HB_COMMITS (coalesced flushes every 5 s and background sweeps) |
| idle poll/ping, median of $ROUNDS rounds | **$POLL_RATIO** (rounds: ${POLL_RATIOS[*]}) |
| database commits during round 1's measured idle-poll run ($DURATION) | $POLL_COMMITS (background sweeps only) |
| result ingestion through the API ($MODULES modules x $ITEMS items per upload, gzip $(field gzip_bytes_per_upload) bytes, $UPLOAD_CONCURRENCY in flight) | $(field api_rows_per_s) module rows/s ($(field api_items_per_s) items/s; $(field uploads) uploads in $(field api_seconds) s) |
| COPY of the same rows into module_result (one connection, as owner) | $(field copy_rows_per_s) rows/s ($(field copy_seconds) s); **API/COPY = $(field ratio)** (cold first round, discarded: $COLD_RATIO) |
SUMMARY
if [[ -n "$ALL_ERRORS" ]]; then
    echo
    echo "**Errors during the load runs**: $ALL_ERRORS"
fi
echo "-----------------------------------------------------------------"
