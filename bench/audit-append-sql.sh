#!/usr/bin/env bash
# What does one audit append cost PostgreSQL, and which part of it?
#
# Starts the packaged server once (for its embedded PostgreSQL and schema), then drives that
# PostgreSQL directly with pgbench as the application role (row-level security on), comparing
# transactions that differ only in what they append:
#   base       set_config(app.tenant_ids) + a one-row UPDATE + COMMIT: a small write, no event
#   select1    base + SELECT 1: what any extra statement costs
#   function   base + the append as it was until migration V20261121180000: the PL/pgSQL
#              function audit_append (three statements inside), on tables with the CHECK
#              constraints of that time
#   checks     base + today's one-statement append, on tables that still have those CHECKs
#   statement  base + today's one-statement append on today's tables (what the server sends)
#   update     an experiment, not shipped: base + an append that moves a head created beforehand
#              (with its tenant) by a plain UPDATE instead of upserting it, with the outcome
#              checked inside the statement instead of by a CHECK constraint (see
#              docs/performance-audit.md: no measurable gain, so it was reverted)
# Each client appends to its own tenant's chain. Scratch tables live in schema bench_append,
# copies of the real ones (same columns, indexes and policies); the server's own data is untouched.
#
# Reports, per variant and round, transactions/s and the CPU time PostgreSQL spent per
# transaction (postmaster and all its processes, from /proc; pgbench's own CPU is not counted).
# Environment: CLIENTS (8), SECONDS_PER_RUN (12), ROUNDS (2), SKIP_BUILD (false; see fresh-jar.sh). Needs pgbench (Debian:
# postgresql-client). Results are recorded in docs/performance-audit.md.
set -euo pipefail
cd "$(dirname "$0")/.."

CLIENTS=${CLIENTS:-8}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-12}
ROUNDS=${ROUNDS:-2}
JAR=server/target/tenantra-server.jar
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1 || true)
if [ -z "$PGBENCH" ] || [ -z "$PSQL" ]; then
  echo "pgbench and psql are needed (Debian: apt-get install postgresql-client)" >&2
  exit 1
fi
# shellcheck source=bench/fresh-jar.sh
. bench/fresh-jar.sh

WORK=$(mktemp -d)
cleanup() {
  if [ -f "$WORK/server.pid" ]; then
    pid=$(cat "$WORK/server.pid")
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

port=18090
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
SERVER_PORT=$port TENANTRA_DATA_DIR="$WORK/data" TENANTRA_BOOTSTRAP_ADMIN_PASSWORD="Bench-Admin-Password-1" \
  java -jar "$JAR" >"$WORK/server.log" 2>&1 &
echo $! >"$WORK/server.pid"
for _ in $(seq 1 120); do
  curl -fsS --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1 && break
  sleep 1
done
PGPORT=$(sed -nE 's/.*Embedded PostgreSQL is listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/server.log")
[ -n "$PGPORT" ] || { echo "the server did not start:" >&2; tail -5 "$WORK/server.log" >&2; exit 1; }
owner() { "$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d tenantra "$@"; }
APP_PASSWORD=$(owner -Atc "SELECT value FROM internal_secret WHERE name = 'app_role_password'")
POSTMASTER=$(head -1 "$WORK/data/postgres/postmaster.pid")

owner <<'SQL'
CREATE SCHEMA bench_append;
GRANT USAGE ON SCHEMA bench_append TO tenantra_app;
CREATE TABLE bench_append.row (id int PRIMARY KEY, v text);
INSERT INTO bench_append.row SELECT g, '' FROM generate_series(0, 1000) g;
-- Today's tables, copies with the CHECKs that V20261121180000 dropped, and for the update
-- experiment: no CHECK at all, and every client's head created beforehand at seq 0.
CREATE TABLE bench_append.event (LIKE public.audit_event INCLUDING ALL);
CREATE TABLE bench_append.head (LIKE public.audit_chain_head INCLUDING ALL);
CREATE TABLE bench_append.event_checked (LIKE public.audit_event INCLUDING ALL,
    CHECK (seq > 0), CHECK (prev_hash ~ '^[0-9a-f]{64}$'), CHECK (hash ~ '^[0-9a-f]{64}$'));
CREATE TABLE bench_append.head_checked (LIKE public.audit_chain_head INCLUDING ALL,
    CHECK (seq >= 0), CHECK (hash ~ '^[0-9a-f]{64}$'));
CREATE TABLE bench_append.event_unchecked (LIKE public.audit_event INCLUDING ALL EXCLUDING CONSTRAINTS);
CREATE TABLE bench_append.head_created (LIKE public.audit_chain_head INCLUDING ALL);
INSERT INTO bench_append.head_created (tenant_id, seq, hash)
SELECT ('00000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid, 0, repeat('0', 64) FROM generate_series(0, 1000) g;
-- What the update experiment calls when it finds no head to move.
CREATE FUNCTION bench_append.append_refused(p_tenant_id uuid) RETURNS bigint LANGUAGE plpgsql VOLATILE
AS $$ BEGIN RAISE EXCEPTION 'no chain head for %', p_tenant_id USING ERRCODE = 'insufficient_privilege'; END $$;
GRANT EXECUTE ON FUNCTION bench_append.append_refused(uuid) TO tenantra_app;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['event', 'head', 'event_checked', 'head_checked', 'event_unchecked', 'head_created'] LOOP
        EXECUTE format('ALTER TABLE bench_append.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY isolation ON bench_append.%I USING (tenant_id = ANY (visible_tenant_ids()))'
                       ' WITH CHECK (tenant_id = ANY (visible_tenant_ids()))', t);
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON bench_append.%I TO tenantra_app', t);
    END LOOP;
END
$$;
GRANT SELECT, UPDATE ON bench_append.row TO tenantra_app;
-- The function as migration V20261121170000 defined it, on the checked copies.
CREATE FUNCTION bench_append.append_function(
    p_tenant_id uuid, p_id uuid, p_occurred_at timestamptz, p_actor_kind text, p_actor_id uuid,
    p_actor_name text, p_impersonator_id uuid, p_impersonator_name text, p_action text,
    p_target_type text, p_target_id text, p_changes text, p_outcome text, p_ip text,
    p_user_agent text, p_request_id text, p_canonical_before_seq text, p_canonical_after_seq text)
    RETURNS TABLE (appended_seq bigint, appended_prev_hash text, appended_hash text)
    LANGUAGE plpgsql VOLATILE SECURITY INVOKER SET search_path = public, pg_temp
AS $$
DECLARE
    v_seq  bigint;
    v_prev text;
    v_hash text;
BEGIN
    IF NOT (p_tenant_id = ANY (visible_tenant_ids())) THEN
        RAISE EXCEPTION 'not in scope' USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT h.seq, h.hash INTO v_seq, v_prev FROM bench_append.head_checked h WHERE h.tenant_id = p_tenant_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO bench_append.head_checked (tenant_id, seq, hash) VALUES (p_tenant_id, 0, repeat('0', 64))
            ON CONFLICT (tenant_id) DO NOTHING;
        SELECT h.seq, h.hash INTO v_seq, v_prev FROM bench_append.head_checked h WHERE h.tenant_id = p_tenant_id FOR UPDATE;
    END IF;
    v_seq := v_seq + 1;
    v_hash := encode(sha256(convert_to(
        v_prev || p_canonical_before_seq || v_seq::text || p_canonical_after_seq, 'UTF8')), 'hex');
    INSERT INTO bench_append.event_checked (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name,
        impersonator_id, impersonator_name, action, target_type, target_id, changes, outcome, ip, user_agent,
        request_id, prev_hash, hash)
    VALUES (p_tenant_id, v_seq, p_id, p_occurred_at, p_actor_kind, p_actor_id, p_actor_name, p_impersonator_id,
            p_impersonator_name, p_action, p_target_type, p_target_id, p_changes::jsonb, p_outcome, p_ip,
            p_user_agent, p_request_id, v_prev, v_hash);
    UPDATE bench_append.head_checked SET seq = v_seq, hash = v_hash WHERE tenant_id = p_tenant_id;
    RETURN QUERY SELECT v_seq, v_prev, v_hash;
END
$$;
GRANT EXECUTE ON FUNCTION bench_append.append_function(uuid, uuid, timestamptz, text, uuid, text, uuid, text,
    text, text, text, text, text, text, text, text, text, text) TO tenantra_app;
SQL

# The pgbench scripts. Client c writes row c and appends to tenant 00000000-...-c; the event is
# the size of a real auth.refresh event. (pgbench reads ":name" as a variable even inside string
# literals, hence the spaces in ": null".)
TENANT="('00000000-0000-0000-0000-' || lpad(:client_id::text, 12, '0'))::uuid"
BEFORE="'{\"action\":\"auth.refresh\",\"actorId\":\"06c54387-a912-4ea6-9ec6-396bcfb30645\",\"actorKind\":\"USER\",\"actorName\":\"admin\",\"changes\":{},\"id\":\"c2b1e1c4-5a55-4c3c-9d7e-0b8a3f1f2a11\",\"impersonatorId\": null,\"impersonatorName\": null,\"ip\":\"127.0.0.1\",\"occurredAt\":\"2026-11-21T15:00:00.123456Z\",\"outcome\":\"SUCCESS\",\"requestId\":\"9a3e7f51-3c35-4f47-a3a3-0f8f3b2c1d10\",\"seq\":'"
AFTER="',\"targetId\":\"76503673-1667-49e6-821c-4695cfd653c9\",\"targetType\":\"session\",\"tenantId\":\"d5396e9b-4294-4a83-842c-cc33d7c5a244\",\"userAgent\":\"Java-http-client/17.0.13\"}'"
COLUMNS="gen_random_uuid(), now(), 'USER', '06c54387-a912-4ea6-9ec6-396bcfb30645'::uuid, 'admin', NULL::uuid, NULL, 'auth.refresh', 'session', '76503673-1667-49e6-821c-4695cfd653c9', '{}'::CHANGES_TYPE, OUTCOME, '127.0.0.1', 'Java-http-client/17.0.13', '9a3e7f51-3c35-4f47-a3a3-0f8f3b2c1d10'"
COLUMNS_TEXT=${COLUMNS/CHANGES_TYPE/text}
COLUMNS_TEXT=${COLUMNS_TEXT/OUTCOME/\'SUCCESS\'}
COLUMNS=${COLUMNS/CHANGES_TYPE/jsonb}
COLUMNS_PLAIN=${COLUMNS/OUTCOME/\'SUCCESS\'}
COLUMNS_GUARDED=${COLUMNS/OUTCOME/CASE WHEN t.outcome IN (\'SUCCESS\', \'FAILURE\', \'DENIED\') THEN t.outcome END}
statement() { # $1 = event table, $2 = head table: the statement io.tenantra.audit.ChainAppender sends
  echo "WITH head AS (INSERT INTO bench_append.$2 AS h (tenant_id, seq, prev_hash, hash) VALUES ($TENANT, 1, repeat('0', 64), encode(sha256(convert_to(repeat('0', 64) || $BEFORE || '1' || $AFTER, 'UTF8')), 'hex')) ON CONFLICT (tenant_id) DO UPDATE SET seq = h.seq + 1, prev_hash = h.hash, hash = encode(sha256(convert_to(h.hash || $BEFORE || (h.seq + 1)::text || $AFTER, 'UTF8')), 'hex') RETURNING h.tenant_id, h.seq, h.prev_hash, h.hash) INSERT INTO bench_append.$1 (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name, impersonator_id, impersonator_name, action, target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash) SELECT head.tenant_id, head.seq, $COLUMNS_PLAIN, head.prev_hash, head.hash FROM head RETURNING seq, prev_hash, hash;"
}
update() { # the experiment: move a head that exists, check outcome in the statement
  echo "WITH head AS (UPDATE bench_append.head_created AS h SET seq = h.seq + 1, prev_hash = h.hash, hash = encode(sha256(convert_to(h.hash || $BEFORE || (h.seq + 1)::text || $AFTER, 'UTF8')), 'hex') WHERE h.tenant_id = $TENANT RETURNING h.seq, h.prev_hash, h.hash) INSERT INTO bench_append.event_unchecked (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name, impersonator_id, impersonator_name, action, target_type, target_id, changes, outcome, ip, user_agent, request_id, prev_hash, hash) SELECT t.tenant_id, COALESCE(head.seq, bench_append.append_refused(t.tenant_id)), $COLUMNS_GUARDED, head.prev_hash, head.hash FROM (SELECT $TENANT AS tenant_id, 'SUCCESS'::text AS outcome) AS t LEFT JOIN head ON true RETURNING seq, prev_hash, hash;"
}
write_script() { # $1 = name, $2 = the appended statement (may be empty)
  {
    echo "BEGIN;"
    echo "SELECT set_config('app.tenant_ids', '{' || $TENANT::text || '}', true);"
    echo "UPDATE bench_append.row SET v = md5(random()::text) WHERE id = :client_id;"
    [ -n "$2" ] && echo "$2"
    echo "COMMIT;"
  } >"$WORK/$1.sql"
}
write_script base ""
write_script select1 "SELECT 1;"
write_script function "SELECT * FROM bench_append.append_function($TENANT, $COLUMNS_TEXT, $BEFORE, $AFTER);"
write_script checks "$(statement event_checked head_checked)"
write_script statement "$(statement event head)"
write_script update "$(update)"

postgres_ticks() { # CPU ticks of the postmaster, the children it reaped and every live child
  local total child
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTMASTER/stat")
  for child in $(cat /proc/"$POSTMASTER"/task/*/children); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

echo "audit append cost in PostgreSQL: clients=$CLIENTS seconds=$SECONDS_PER_RUN rounds=$ROUNDS $("$PGBENCH" --version)"
for round in $(seq 1 "$ROUNDS"); do
  for variant in base select1 function checks statement update; do
    before=$(postgres_ticks)
    out=$(PGPASSWORD="$APP_PASSWORD" "$PGBENCH" -n -h 127.0.0.1 -p "$PGPORT" -U tenantra_app -M prepared \
      -c "$CLIENTS" -j 2 -T "$SECONDS_PER_RUN" -f "$WORK/$variant.sql" tenantra 2>&1) \
      || { echo "$out" >&2; exit 1; }
    sleep 0.5
    after=$(postgres_ticks)
    tx=$(sed -nE 's/number of transactions actually processed: ([0-9]+).*/\1/p' <<<"$out")
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out")
    awk -v r="$round" -v v="$variant" -v tx="$tx" -v tps="$tps" -v t=$((after - before)) 'BEGIN {
      printf "round %d %-9s tps=%6.0f postgres_cpu_us_per_tx=%4.0f\n", r, v, tps, t * 10000 / tx }'
  done
done
