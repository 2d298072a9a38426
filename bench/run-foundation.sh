#!/usr/bin/env bash
# Foundation benchmark for Tenantra (see bench/README.md).
#
# Measures, on this machine and in this one run:
#   1. cold start-up: fresh data dir, includes embedded PostgreSQL initdb + migrations + bootstrap;
#   2. warm start-up: restart on an existing data dir;
#      both as wall time from process launch until /actuator/health/readiness answers UP;
#   3. the trivial-endpoint ceiling: wrk against GET /api/v1/ping;
#   4. GET /api/v1/me with a bearer token, and its ratio to the ceiling.
# Prints a Markdown summary block for docs/performance.md at the end.
#
# Environment (all optional):
#   PORT=18090          port the server listens on (127.0.0.1)
#   START_RUNS=3        how many cold starts and how many warm starts
#   DURATION=20s        measured wrk run per endpoint (a 5s warm-up run before each is discarded)
#   READY_TIMEOUT=180   seconds to wait for readiness before giving up
#   JAVA=java           the java launcher to use
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/server/target/tenantra-server.jar"

# Record which knobs were set explicitly, to reproduce the exact command in the summary.
COMMAND_ENV=""
for var in PORT START_RUNS DURATION READY_TIMEOUT JAVA; do
    if [[ -n "${!var+x}" ]]; then
        COMMAND_ENV+="$var=${!var} "
    fi
done
COMMAND="${COMMAND_ENV}bench/run-foundation.sh${*:+ $*}"

PORT="${PORT:-18090}"
START_RUNS="${START_RUNS:-3}"
DURATION="${DURATION:-20s}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
JAVA="${JAVA:-java}"
WARMUP="5s"
THREADS=2
CONNECTIONS=50
BASE="http://127.0.0.1:$PORT"

die() {
    echo "ERROR: $*" >&2
    exit 1
}
log() {
    echo "==> $*" >&2
}

# ---------------------------------------------------------------- prerequisites (installs nothing)
[[ -f "$JAR" ]] || die "$JAR is missing. Build it first, from $ROOT:
    ./mvnw -B -DskipTests package"
command -v wrk >/dev/null 2>&1 || die "wrk (HTTP load generator) is not installed. On Debian/Ubuntu:
    sudo apt-get install -y wrk"
command -v curl >/dev/null 2>&1 || die "curl is not installed. On Debian/Ubuntu: sudo apt-get install -y curl"
command -v "$JAVA" >/dev/null 2>&1 || die "'$JAVA' not found; install a JDK 17+ or set JAVA=/path/to/java"
[[ "$START_RUNS" =~ ^[1-9][0-9]*$ ]] || die "START_RUNS must be a positive integer, got '$START_RUNS'"
[[ "$PORT" =~ ^[0-9]+$ ]] || die "PORT must be a number, got '$PORT'"

port_in_use() {
    curl -s -o /dev/null --max-time 1 "$BASE/" 2>/dev/null
}
port_in_use && die "something already answers on 127.0.0.1:$PORT; stop it or set PORT=..."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tenantra-bench.XXXXXX")"
SERVER_PID=""
# A private copy of the jar: a concurrent rebuild must not swap the code under a running measurement.
RUN_JAR="$WORK/tenantra-server.jar"
cp "$JAR" "$RUN_JAR"
PASSWORD="bench-$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')"

# ---------------------------------------------------------------- server lifecycle
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    local pid="$SERVER_PID" waited=0
    SERVER_PID=""
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        # Graceful shutdown is configured with a 20s phase timeout; allow a generous margin.
        while kill -0 "$pid" 2>/dev/null && ((waited < 600)); do
            sleep 0.1
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "WARNING: server (pid $pid) did not stop within 60s of SIGTERM; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    wait "$pid" 2>/dev/null || true
}

# If the JVM died hard, its embedded PostgreSQL may be left behind: stop it by the pid it recorded,
# and only when that process really is a postgres on one of our own data directories.
stop_orphaned_postgres() {
    local pidfile pgpid
    for pidfile in "$WORK"/*/postgres/postmaster.pid; do
        [[ -f "$pidfile" ]] || continue
        pgpid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
        [[ "$pgpid" =~ ^[0-9]+$ ]] || continue
        if kill -0 "$pgpid" 2>/dev/null && tr '\0' ' ' <"/proc/$pgpid/cmdline" 2>/dev/null | grep -q "$WORK"; then
            echo "WARNING: stopping left-over embedded PostgreSQL (pid $pgpid)" >&2
            kill -TERM "$pgpid" 2>/dev/null || true
            for _ in $(seq 1 100); do kill -0 "$pgpid" 2>/dev/null || break; sleep 0.1; done
        fi
    done
}

cleanup() {
    local rc=$?
    stop_server
    stop_orphaned_postgres
    rm -rf "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# start_server <data dir> <log file>: launches the jar with default JVM options, waits until
# readiness is UP and sets STARTUP_MS to the elapsed wall time in milliseconds.
# (Not called in $(...): SERVER_PID must be set in this shell.)
start_server() {
    local data="$1" logfile="$2" t0 body
    port_in_use && die "port $PORT is busy before launch; refusing to measure someone else's server"
    t0="$(now_ms)"
    # Default JVM options on purpose: the *_OPTIONS variables would silently change them.
    # Runs from the temp dir so nothing is written into the repository; exec keeps $! = the JVM.
    (cd "$WORK" && exec env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS -u TENANTRA_DATABASE_URL \
        SERVER_PORT="$PORT" \
        TENANTRA_DATA_DIR="$data" \
        TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="$PASSWORD" \
        TENANTRA_LOGIN_RATE_LIMIT_PER_IP=1000000000 \
        TENANTRA_LOGIN_RATE_LIMIT_PER_USERNAME=1000000000 \
        "$JAVA" -jar "$RUN_JAR") >"$logfile" 2>&1 &
    SERVER_PID=$!
    while :; do
        if body="$(curl -s --max-time 2 "$BASE/actuator/health/readiness" 2>/dev/null)" \
            && [[ "$body" == *'"status":"UP"'* ]]; then
            break
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "---- last lines of $logfile ----" >&2
            tail -n 40 "$logfile" >&2 || true
            die "the server exited before becoming ready"
        fi
        if (($(now_ms) - t0 > READY_TIMEOUT * 1000)); then
            echo "---- last lines of $logfile ----" >&2
            tail -n 40 "$logfile" >&2 || true
            die "the server was not ready after ${READY_TIMEOUT}s"
        fi
        sleep 0.1
    done
    STARTUP_MS=$(($(now_ms) - t0))
}

# ---------------------------------------------------------------- small helpers
median() { # numbers as arguments
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
secs() { # milliseconds -> seconds with two decimals
    awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'
}
to_ms() { # wrk latency such as 812.00us, 1.23ms, 1.05s, 2.00m -> milliseconds
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# run_wrk <label> <url> [extra wrk args...]: warm-up (discarded), then the measured run.
# Sets RPS, P50, P99 and ERRORS (human-readable, empty when clean).
run_wrk() {
    local label="$1" url="$2" out
    shift 2
    log "$label: warm-up ${WARMUP} (discarded)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$@" "$url" >/dev/null
    log "$label: measuring ${DURATION}: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $url"
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url")"
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
    if [[ -n "$ERRORS" ]]; then
        echo "WARNING: $label: $ERRORS" >&2
    fi
}

# ---------------------------------------------------------------- 1+2. cold and warm starts, interleaved
# Cold i uses a new data dir; warm i restarts on the data dir of cold run 1. Alternating them
# spreads the machine's noise evenly over both kinds instead of letting a burst hit one of them.
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
COLD=()
WARM=()
for i in $(seq 1 "$START_RUNS"); do
    log "cold start $i/$START_RUNS (fresh data dir: initdb + migrations + bootstrap)"
    start_server "$WORK/data-$i" "$WORK/cold-$i.log"
    log "cold start $i: ${STARTUP_MS} ms"
    COLD+=("$STARTUP_MS")
    stop_server

    log "warm start $i/$START_RUNS (existing data dir)"
    start_server "$WORK/data-1" "$WORK/warm-$i.log"
    log "warm start $i: ${STARTUP_MS} ms"
    WARM+=("$STARTUP_MS")
    if ((i < START_RUNS)); then
        stop_server
    fi
done
# The last warm-started server stays up for the load runs.

# ---------------------------------------------------------------- 3. trivial-endpoint ceiling
# (Responses are captured, not piped into grep -q, so pipefail cannot trip on an early close.)
PING_BODY="$(curl -fsS "$BASE/api/v1/ping")" || die "GET /api/v1/ping failed"
[[ "$PING_BODY" == *'"status":"ok"'* ]] || die "GET /api/v1/ping did not answer {\"status\":\"ok\"}"
run_wrk "GET /api/v1/ping" "$BASE/api/v1/ping"
PING_RPS="$RPS" PING_P50="$P50" PING_P99="$P99" PING_ERRORS="$ERRORS"

# ---------------------------------------------------------------- 4. /api/v1/me with a bearer token
LOGIN="$(curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login")" \
    || die "login as admin failed"
TOKEN="$(sed -n 's/.*"accessToken"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$LOGIN")"
[[ -n "$TOKEN" ]] || die "no accessToken in the login response"
ME_BODY="$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/me")" || die "GET /api/v1/me with the token failed"
[[ "$ME_BODY" == *'"username":"admin"'* ]] || die "GET /api/v1/me did not return the admin identity"
run_wrk "GET /api/v1/me" "$BASE/api/v1/me" -H "Authorization: Bearer $TOKEN"
ME_RPS="$RPS" ME_P50="$P50" ME_P99="$P99" ME_ERRORS="$ERRORS"

# Login: one Argon2id hash check per request, so it is CPU-bound by design. The rate limits are
# raised for this server only (see start_server): the benchmark is one client address.
LOGIN_LUA="$WORK/login.lua"
cat >"$LOGIN_LUA" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username":"admin","password":"$PASSWORD"}'
LUA
# Four connections: more only queue behind the hash checks and time out, measuring nothing new.
run_wrk "POST /api/v1/auth/login" "$BASE/api/v1/auth/login" -c4 --timeout 10s -s "$LOGIN_LUA"
LOGIN_RPS="$RPS" LOGIN_P50="$P50" LOGIN_P99="$P99" LOGIN_ERRORS="$ERRORS"
LOGIN_RATIO="$(awk -v a="$LOGIN_RPS" -v b="$PING_RPS" 'BEGIN { printf "%.3f", a / b }')"
LOAD_AT_END="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
RATIO="$(awk -v a="$ME_RPS" -v b="$PING_RPS" 'BEGIN { printf "%.2f", a / b }')"

stop_server

# ---------------------------------------------------------------- summary
list_secs() {
    local out="" ms
    for ms in "$@"; do out+="$(secs "$ms") s, "; done
    echo "${out%, }"
}
JAVA_VERSION="$("$JAVA" -version 2>&1 | head -n 1)"
JVM_FLAGS="$("$JAVA" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '
    $2 == "MaxHeapSize" { heap = sprintf("%d MiB", $4 / 1048576) }
    $2 ~ /^Use(G1|Serial|Parallel|Z|Shenandoah)GC$/ && $4 == "true" { gc = $2 }
    END { printf "%s, default max heap %s", gc, heap }')"
CPU="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
MEM="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo unknown)"
REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ]]; then REV+=" (working tree has local changes)"; fi
JAR_TIME="$(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')"
WRK_CMD="wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"

cat <<EOF

----------------------------------------------------------------- paste into docs/performance.md
### Foundation run $(date -u '+%Y-%m-%d %H:%M UTC')

Command: \`$COMMAND\` (from the repository root)

- Date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')
- Machine: \`nproc\` = $(nproc), $CPU, $MEM RAM, $(uname -sr); load average (1/5/15 min) at start $LOAD_AT_START, after the load runs $LOAD_AT_END
- Java: \`$JAVA_VERSION\`
- JVM options: defaults (none passed; $JVM_FLAGS)
- Code: \`server/target/tenantra-server.jar\` built $JAR_TIME (repository HEAD when measured: $REV)
- Load generator: wrk on the same machine, $THREADS threads, $CONNECTIONS connections, ${WARMUP} warm-up discarded, then ${DURATION} measured

| Measure | Result | Produced by |
|---|---|---|
| GET /api/v1/ping (ceiling) | $PING_RPS req/s, p50 $PING_P50 ms, p99 $PING_P99 ms | \`$WRK_CMD $BASE/api/v1/ping\` |
| GET /api/v1/me (bearer token) | $ME_RPS req/s, p50 $ME_P50 ms, p99 $ME_P99 ms; **me/ping = $RATIO** | \`$WRK_CMD -H 'Authorization: Bearer <token>' $BASE/api/v1/me\` |
| POST /api/v1/auth/login (Argon2id check + session row + ES256 token) | $LOGIN_RPS req/s, p50 $LOGIN_P50 ms, p99 $LOGIN_P99 ms; **login/ping = $LOGIN_RATIO** | \`$WRK_CMD -c4 --timeout 10s -s login.lua $BASE/api/v1/auth/login\` (POST of the admin's credentials) |
| Cold start (fresh data dir, initdb + migrations), median of $START_RUNS | $(secs "$(median "${COLD[@]}")") s (runs: $(list_secs "${COLD[@]}")) | launch of \`java -jar server/target/tenantra-server.jar\` until readiness UP |
| Warm restart (same data dir), median of $START_RUNS | $(secs "$(median "${WARM[@]}")") s (runs: $(list_secs "${WARM[@]}")) | launch of \`java -jar server/target/tenantra-server.jar\` until readiness UP |
EOF
if [[ -n "$PING_ERRORS$ME_ERRORS$LOGIN_ERRORS" ]]; then
    echo
    echo "**Errors during the load runs** — ping: ${PING_ERRORS:-none}; me: ${ME_ERRORS:-none}; login: ${LOGIN_ERRORS:-none}"
fi
echo "-----------------------------------------------------------------"
