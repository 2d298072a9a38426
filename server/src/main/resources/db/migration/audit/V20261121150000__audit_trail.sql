-- Tamper-evident audit trail and API access log.
-- Why: auditors must be able to trust the trail even against someone with database access.
-- 1. The application role may INSERT and SELECT audit rows but never UPDATE, DELETE or TRUNCATE
--    them: PostgreSQL refuses, whatever the Java code does.
-- 2. Each tenant's events form a hash chain (seq 1, 2, 3, ...; every hash covers the previous
--    one), so an out-of-band edit, deletion or insertion by a superuser breaks the chain at a
--    known position.
-- 3. The server signs checkpoints of each chain head with an Ed25519 key that lives in its data
--    directory, not here: a database superuser who rewrites a chain consistently still cannot
--    forge the signatures over the heads it already had. Only public keys are stored here.
-- There is deliberately no foreign key to tenant: a tenant's trail must outlive the tenant.

-- One row per audited fact. Columns are exactly the fields covered by the hash (see
-- io.tenantra.audit.ChainEvent for the canonical serialisation), plus the chain links.
CREATE TABLE audit_event (
    tenant_id         uuid        NOT NULL,
    seq               bigint      NOT NULL CHECK (seq > 0),
    id                uuid        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    actor_kind        text        NOT NULL,
    actor_id          uuid,
    actor_name        text,
    impersonator_id   uuid,
    impersonator_name text,
    action            text        NOT NULL,
    target_type       text,
    target_id         text,
    changes           jsonb       NOT NULL,
    outcome           text        NOT NULL CHECK (outcome IN ('SUCCESS', 'FAILURE', 'DENIED')),
    ip                text,
    user_agent        text,
    request_id        text,
    prev_hash         text        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash              text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (tenant_id, seq)
);
CREATE UNIQUE INDEX audit_event_tenant_id_key ON audit_event (tenant_id, id);
CREATE INDEX audit_event_tenant_time_idx ON audit_event (tenant_id, occurred_at DESC);
CREATE INDEX audit_event_tenant_action_idx ON audit_event (tenant_id, action);
ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_isolation ON audit_event
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
REVOKE ALL ON audit_event FROM PUBLIC;
GRANT SELECT, INSERT ON audit_event TO ${app_role};

-- The current end of each tenant's chain. Appends lock this row (FOR UPDATE, in audit_append
-- below), which serialises them per tenant. It is only a cache: verification recomputes everything from audit_event and
-- the signed checkpoints, so the application may update it.
CREATE TABLE audit_chain_head (
    tenant_id uuid PRIMARY KEY,
    seq       bigint NOT NULL CHECK (seq >= 0),
    hash      text   NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
ALTER TABLE audit_chain_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_chain_head FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_chain_head_isolation ON audit_chain_head
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
REVOKE ALL ON audit_chain_head FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON audit_chain_head TO ${app_role};

-- One append, in one round trip: lock the chain head, link and hash the event, store it, move
-- the head. Runs as the caller (SECURITY INVOKER): row-level security applies, and a caller whose
-- transaction cannot see the tenant gets no row back (rather than an error that would abort its
-- transaction) and must open a scope for the tenant first. Holding the head lock only from here to
-- the commit keeps appends of one tenant short; other tenants never wait.
-- The hash is SHA-256 over prev_hash || canonical form, where the caller passes the canonical
-- form split around the seq value that only this function knows (io.tenantra.audit.ChainEvent
-- defines the form; the caller recomputes the hash in Java and refuses a mismatch).
CREATE FUNCTION audit_append(
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
        RETURN;
    END IF;
    SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_head h WHERE h.tenant_id = p_tenant_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO audit_chain_head (tenant_id, seq, hash) VALUES (p_tenant_id, 0, repeat('0', 64))
            ON CONFLICT (tenant_id) DO NOTHING;
        SELECT h.seq, h.hash INTO v_seq, v_prev FROM audit_chain_head h WHERE h.tenant_id = p_tenant_id FOR UPDATE;
    END IF;
    v_seq := v_seq + 1;
    v_hash := encode(sha256(convert_to(
        v_prev || p_canonical_before_seq || v_seq::text || p_canonical_after_seq, 'UTF8')), 'hex');
    INSERT INTO audit_event (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_name, impersonator_id,
                             impersonator_name, action, target_type, target_id, changes, outcome, ip, user_agent,
                             request_id, prev_hash, hash)
    VALUES (p_tenant_id, v_seq, p_id, p_occurred_at, p_actor_kind, p_actor_id, p_actor_name, p_impersonator_id,
            p_impersonator_name, p_action, p_target_type, p_target_id, p_changes::jsonb, p_outcome, p_ip,
            p_user_agent, p_request_id, v_prev, v_hash);
    UPDATE audit_chain_head SET seq = v_seq, hash = v_hash WHERE tenant_id = p_tenant_id;
    RETURN QUERY SELECT v_seq, v_prev, v_hash;
END
$$;
REVOKE ALL ON FUNCTION audit_append(uuid, uuid, timestamptz, text, uuid, text, uuid, text, text, text, text, text,
    text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append(uuid, uuid, timestamptz, text, uuid, text, uuid, text, text, text, text,
    text, text, text, text, text, text, text) TO ${app_role};

-- Public halves of the keys that sign checkpoints. Platform-level, public by design.
CREATE TABLE audit_signing_key (
    kid        text PRIMARY KEY CHECK (length(kid) BETWEEN 1 AND 64),
    algorithm  text        NOT NULL CHECK (algorithm = 'Ed25519'),
    public_key text        NOT NULL,
    created_at timestamptz NOT NULL
);
REVOKE ALL ON audit_signing_key FROM PUBLIC;
GRANT SELECT, INSERT ON audit_signing_key TO ${app_role};

-- A signed statement "tenant T's chain had N events ending in hash H at time S".
CREATE TABLE audit_checkpoint (
    tenant_id   uuid        NOT NULL,
    seq         bigint      NOT NULL CHECK (seq > 0),
    head_hash   text        NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
    event_count bigint      NOT NULL CHECK (event_count >= 0),
    signed_at   timestamptz NOT NULL,
    kid         text        NOT NULL REFERENCES audit_signing_key (kid),
    signature   text        NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
ALTER TABLE audit_checkpoint ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoint FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_checkpoint_isolation ON audit_checkpoint
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
REVOKE ALL ON audit_checkpoint FROM PUBLIC;
GRANT SELECT, INSERT ON audit_checkpoint TO ${app_role};

-- The checkpoint job runs outside any tenant and needs to know which chains moved since their
-- last checkpoint: tenant ids only, nothing else crosses the tenant boundary.
CREATE FUNCTION audit_chains_to_checkpoint()
    RETURNS TABLE (tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT h.tenant_id
      FROM audit_chain_head h
     WHERE h.seq > COALESCE((SELECT max(c.seq) FROM audit_checkpoint c WHERE c.tenant_id = h.tenant_id), 0)
$$;
REVOKE ALL ON FUNCTION audit_chains_to_checkpoint() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_chains_to_checkpoint() TO ${app_role};

-- Who called which API operation, how it went and how long it took. Not evidence (it is written
-- in batches after the fact and may drop rows under overload); kept apart from the audit trail.
CREATE TABLE api_access_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    occurred_at   timestamptz NOT NULL,
    method        text        NOT NULL CHECK (length(method) BETWEEN 1 AND 16),
    path_template text        NOT NULL CHECK (length(path_template) BETWEEN 1 AND 300),
    status        integer     NOT NULL CHECK (status BETWEEN 100 AND 599),
    latency_ms    integer     NOT NULL CHECK (latency_ms >= 0),
    caller_kind   text        NOT NULL CHECK (caller_kind IN ('USER', 'API_KEY', 'ANONYMOUS')),
    caller_id     uuid,
    request_id    text
);
CREATE INDEX api_access_log_tenant_idx ON api_access_log (tenant_id, id DESC);
ALTER TABLE api_access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_access_log FORCE ROW LEVEL SECURITY;
CREATE POLICY api_access_log_isolation ON api_access_log
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
REVOKE ALL ON api_access_log FROM PUBLIC;
GRANT SELECT, INSERT ON api_access_log TO ${app_role};
