-- Probes: the server's content key that signs the probes it puts in jobs, and the agents' answers.
-- Why: probe rules run on customers' machines (some run commands), so an agent runs only probes
-- the server signed; the private half of the signing key is sealed like the token-signing keys
-- (SecretsAtRest re-seals it when the secrets key rotates), so a database dump cannot sign probes.
-- One key is active for the whole cluster; agents pin it at enrollment (or at their first
-- heartbeat after an upgrade).
CREATE TABLE content_signing_key (
    kid         text PRIMARY KEY,
    algorithm   text        NOT NULL CHECK (algorithm = 'Ed25519'),
    -- X.509 SubjectPublicKeyInfo, base64.
    public_key  text        NOT NULL,
    -- PKCS#8, base64, sealed: sealed:v1:<kid>:<base64url>.
    private_key text        NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);
-- At most one active key: two nodes starting at once both insert, one wins, both read the winner.
CREATE UNIQUE INDEX content_signing_key_one_active ON content_signing_key ((true)) WHERE retired_at IS NULL;
GRANT SELECT, INSERT ON content_signing_key TO ${app_role};

-- The latest answer of each probe on each agent. Probe ids are digests of the probe's definition,
-- so an unchanged probe keeps its row across content updates and the compliance module can judge
-- checks again from stored answers without a new scan. Kept latest-only (upsert): the history of
-- verdicts is the compliance module's, not this table's.
CREATE TABLE probe_result (
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    agent_id    uuid        NOT NULL,
    probe_id    text        NOT NULL CHECK (probe_id ~ '^[A-Za-z0-9._:-]{1,128}$'),
    outcome     text        NOT NULL CHECK (outcome IN ('found', 'not_found', 'error', 'refused')),
    evidence    text,
    message     text,
    scan_id     uuid        NOT NULL,
    job_id      uuid        NOT NULL,
    observed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, agent_id, probe_id),
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agent (tenant_id, id)
);
CREATE INDEX probe_result_job_idx ON probe_result (tenant_id, job_id);
ALTER TABLE probe_result ENABLE ROW LEVEL SECURITY;
ALTER TABLE probe_result FORCE ROW LEVEL SECURITY;
CREATE POLICY probe_result_isolation ON probe_result
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON probe_result TO ${app_role};
