-- Agents: enrollment tokens, the agent registry, scans, the job queue and module results.
-- Why: agents are the source of every fact the platform knows about a host, and they arrive in
-- large numbers (the design target is 100,000 per server node). The queue lives in PostgreSQL
-- (SELECT ... FOR UPDATE SKIP LOCKED, leases with expiry) so a node restart loses no job and a
-- job whose result was accepted is never dispatched again. Every table is tenant data under the
-- same row-level security as the foundation tables. The few lookups that must cross tenants
-- (identify an agent from its signed request, the node-wide sweeps for offline agents and lost
-- jobs) are narrow SECURITY DEFINER functions returning only ids, keys and states.

CREATE TABLE enrollment_token (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- SHA-256 (hex) of the secret part; the token itself is shown once and never stored.
    secret_hash  text        NOT NULL,
    tags         jsonb       NOT NULL DEFAULT '{}',
    max_uses     integer     CHECK (max_uses IS NULL OR max_uses > 0),
    uses         integer     NOT NULL DEFAULT 0,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL,
    created_by   uuid
);
-- A live token's name is unique in its tenant; revoked ones keep theirs for the record.
CREATE UNIQUE INDEX enrollment_token_tenant_name_key ON enrollment_token (tenant_id, lower(name))
    WHERE revoked_at IS NULL;
CREATE INDEX enrollment_token_list_idx ON enrollment_token (tenant_id, created_at DESC, id DESC);
ALTER TABLE enrollment_token ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrollment_token FORCE ROW LEVEL SECURITY;
CREATE POLICY enrollment_token_isolation ON enrollment_token
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON enrollment_token TO ${app_role};

CREATE TABLE agent (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenant (id),
    name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    hostname            text        NOT NULL CHECK (length(hostname) BETWEEN 1 AND 255),
    os_family           text        NOT NULL CHECK (os_family IN ('linux', 'macos', 'windows')),
    os_version          text        NOT NULL DEFAULT '',
    architecture        text        NOT NULL DEFAULT '',
    agent_version       text        NOT NULL DEFAULT '',
    ip_addresses        jsonb       NOT NULL DEFAULT '[]',
    tags                jsonb       NOT NULL DEFAULT '{}',
    -- Ed25519 public key, X.509 SubjectPublicKeyInfo, base64: the agent's identity.
    public_key          text        NOT NULL,
    enrollment_token_id uuid REFERENCES enrollment_token (id),
    config              jsonb       NOT NULL,
    config_etag         text        NOT NULL,
    -- Copied out of config for the offline sweep, which must not parse JSON per row.
    heartbeat_seconds   integer     NOT NULL CHECK (heartbeat_seconds > 0),
    connection          text        NOT NULL DEFAULT 'online' CHECK (connection IN ('online', 'offline')),
    enrolled_at         timestamptz NOT NULL,
    last_seen_at        timestamptz NOT NULL,
    offline_since       timestamptz,
    revoked_at          timestamptz,
    revoked_by          uuid,
    modified_at         timestamptz NOT NULL,
    modified_by         uuid
);
CREATE UNIQUE INDEX agent_tenant_id_key ON agent (tenant_id, id);
CREATE INDEX agent_list_idx ON agent (tenant_id, name, id);
CREATE INDEX agent_tags_idx ON agent USING gin (tags);
CREATE INDEX agent_overdue_idx ON agent (last_seen_at) WHERE connection = 'online' AND revoked_at IS NULL;
CREATE INDEX agent_modified_idx ON agent (modified_at);
ALTER TABLE agent ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent FORCE ROW LEVEL SECURITY;
CREATE POLICY agent_isolation ON agent
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON agent TO ${app_role};

CREATE TABLE scan (
    id           uuid PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    -- NULL: every job runs its agent's configured modules.
    modules      text[],
    selector     jsonb       NOT NULL,
    job_count    integer     NOT NULL CHECK (job_count >= 0),
    created_at   timestamptz NOT NULL,
    created_by   uuid,
    deadline_at  timestamptz NOT NULL,
    cancelled_at timestamptz,
    cancelled_by uuid
);
CREATE INDEX scan_list_idx ON scan (tenant_id, created_at DESC, id DESC);
ALTER TABLE scan ENABLE ROW LEVEL SECURITY;
ALTER TABLE scan FORCE ROW LEVEL SECURITY;
CREATE POLICY scan_isolation ON scan
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON scan TO ${app_role};

-- One scan's work for one agent. queued -> dispatched (leased) -> running (lease extended) ->
-- succeeded | failed; a lapsed lease puts the job back to queued until max_attempts, then
-- timed_out; the deadline times out whatever is left; cancel ends what has not finished.
CREATE TABLE agent_job (
    id                     uuid PRIMARY KEY,
    tenant_id              uuid        NOT NULL REFERENCES tenant (id),
    scan_id                uuid        NOT NULL REFERENCES scan (id),
    agent_id               uuid        NOT NULL REFERENCES agent (id),
    modules                text[]      NOT NULL,
    module_timeout_seconds integer     NOT NULL CHECK (module_timeout_seconds > 0),
    status                 text        NOT NULL CHECK (status IN
                               ('queued', 'dispatched', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled')),
    attempt                integer     NOT NULL DEFAULT 0,
    max_attempts           integer     NOT NULL CHECK (max_attempts > 0),
    queued_at              timestamptz NOT NULL,
    dispatched_at          timestamptz,
    started_at             timestamptz,
    lease_until            timestamptz,
    deadline_at            timestamptz NOT NULL,
    finished_at            timestamptz,
    -- SHA-256 of the accepted upload: a replay of it is recognised and changes nothing.
    result_digest          text,
    execution_log          jsonb       NOT NULL DEFAULT '[]',
    UNIQUE (tenant_id, scan_id, agent_id)
);
CREATE UNIQUE INDEX agent_job_tenant_id_key ON agent_job (tenant_id, id);
CREATE INDEX agent_job_queue_idx ON agent_job (tenant_id, agent_id, queued_at) WHERE status = 'queued';
CREATE INDEX agent_job_queued_at_idx ON agent_job (queued_at) WHERE status = 'queued';
CREATE INDEX agent_job_lease_idx ON agent_job (lease_until) WHERE status IN ('dispatched', 'running');
CREATE INDEX agent_job_deadline_idx ON agent_job (deadline_at) WHERE status IN ('queued', 'dispatched', 'running');
CREATE INDEX agent_job_scan_idx ON agent_job (tenant_id, scan_id, status);
CREATE INDEX agent_job_agent_idx ON agent_job (tenant_id, agent_id, queued_at DESC);
ALTER TABLE agent_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_job FORCE ROW LEVEL SECURITY;
CREATE POLICY agent_job_isolation ON agent_job
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON agent_job TO ${app_role};

-- One module's result from one job, in the model's format (items, risks, messages as JSONB).
CREATE TABLE module_result (
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    job_id         uuid        NOT NULL REFERENCES agent_job (id),
    module         text        NOT NULL,
    scan_id        uuid        NOT NULL,
    agent_id       uuid        NOT NULL,
    module_version text,
    status         text        NOT NULL CHECK (status IN ('ok', 'partial', 'error', 'not_applicable')),
    item_count     integer     NOT NULL,
    risk_count     integer     NOT NULL,
    items          jsonb       NOT NULL,
    risks          jsonb       NOT NULL,
    messages       jsonb       NOT NULL,
    execution      jsonb,
    collected_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, job_id, module)
);
CREATE INDEX module_result_agent_idx ON module_result (tenant_id, agent_id, module, collected_at DESC);
CREATE INDEX module_result_scan_idx ON module_result (tenant_id, scan_id);
ALTER TABLE module_result ENABLE ROW LEVEL SECURITY;
ALTER TABLE module_result FORCE ROW LEVEL SECURITY;
CREATE POLICY module_result_isolation ON module_result
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT ON module_result TO ${app_role};

-- Named bypasses. An agent's signed request names only the agent: find its tenant and key.
CREATE FUNCTION agent_identity(p_agent_id uuid)
    RETURNS TABLE (tenant_id uuid, name text, public_key text, revoked boolean, config_etag text,
                   heartbeat_seconds integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT a.tenant_id, a.name, a.public_key, a.revoked_at IS NOT NULL, a.config_etag, a.heartbeat_seconds
      FROM agent a WHERE a.id = p_agent_id
$$;

-- What changed about agents since a moment (revocations, config), so every node refreshes its
-- cached identities with one query instead of one per request.
CREATE FUNCTION agent_identity_changes(p_since timestamptz)
    RETURNS TABLE (id uuid, tenant_id uuid, revoked boolean, config_etag text, heartbeat_seconds integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT a.id, a.tenant_id, a.revoked_at IS NOT NULL, a.config_etag, a.heartbeat_seconds
      FROM agent a WHERE a.modified_at > p_since
$$;

-- Online agents that missed three heartbeats (plus a grace for coalesced last-seen writes).
CREATE FUNCTION agents_overdue(p_now timestamptz, p_grace_seconds integer, p_limit integer)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT a.id, a.tenant_id FROM agent a
     WHERE a.connection = 'online' AND a.revoked_at IS NULL
       AND a.last_seen_at < p_now - make_interval(secs => 3 * a.heartbeat_seconds + p_grace_seconds)
     LIMIT p_limit
$$;

-- Agents with queued work since a moment: lets a node wake long polls for jobs queued elsewhere.
CREATE FUNCTION agent_jobs_queued_since(p_since timestamptz)
    RETURNS TABLE (agent_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT DISTINCT j.agent_id FROM agent_job j WHERE j.status = 'queued' AND j.queued_at > p_since
$$;

-- Unfinished jobs whose lease lapsed or whose deadline passed, for the sweeper.
CREATE FUNCTION agent_jobs_lapsed(p_now timestamptz, p_limit integer)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    (SELECT j.id, j.tenant_id FROM agent_job j
      WHERE j.status IN ('dispatched', 'running') AND j.lease_until < p_now LIMIT p_limit)
    UNION
    (SELECT j.id, j.tenant_id FROM agent_job j
      WHERE j.status IN ('queued', 'dispatched', 'running') AND j.deadline_at < p_now LIMIT p_limit)
$$;

REVOKE ALL ON FUNCTION agent_identity(uuid), agent_identity_changes(timestamptz),
    agents_overdue(timestamptz, integer, integer), agent_jobs_queued_since(timestamptz),
    agent_jobs_lapsed(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION agent_identity(uuid), agent_identity_changes(timestamptz),
    agents_overdue(timestamptz, integer, integer), agent_jobs_queued_since(timestamptz),
    agent_jobs_lapsed(timestamptz, integer) TO ${app_role};
