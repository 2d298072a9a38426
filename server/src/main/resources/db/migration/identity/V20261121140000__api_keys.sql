-- API keys: long-lived credentials for automation, owned by a tenant and acting for their creator.
-- Why: scripts and integrations need to call the API without a person's password or an
-- interactive login. Only a SHA-256 hash of the secret is stored; the key's prefix is stored in
-- clear so that a presented key can be found (and recognised in logs) without scanning hashes.
-- The prefix is unique across all tenants because authentication must find the key before any
-- tenant is known; everything else about a key is tenant data behind row-level security.

CREATE TABLE api_key (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    prefix          text        NOT NULL CHECK (prefix ~ '^[a-z2-7]{12}$'),
    secret_hash     text        NOT NULL CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
    permissions     text[]      NOT NULL CHECK (cardinality(permissions) > 0),
    -- A key cannot outlive its creator's account: it acts with (a subset of) their permissions.
    created_by      uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_by_name text        NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    revoked_by      uuid,
    last_used_at    timestamptz,
    CHECK (expires_at IS NULL OR expires_at > created_at)
);
CREATE UNIQUE INDEX api_key_prefix_key ON api_key (prefix);
-- Names identify keys to people: unique per tenant among keys not revoked. An expired key keeps
-- its name until someone revokes it, so one name never stands for two keys that might both work.
CREATE UNIQUE INDEX api_key_tenant_name_key ON api_key (tenant_id, lower(name)) WHERE revoked_at IS NULL;
-- The list endpoint pages newest first by (created_at, id).
CREATE INDEX api_key_tenant_created_idx ON api_key (tenant_id, created_at DESC, id DESC);
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_key FORCE ROW LEVEL SECURITY;
CREATE POLICY api_key_isolation ON api_key
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON api_key TO ${app_role};

-- Authentication by API key happens before any tenant is known: find a key by its public
-- prefix, returning only what deciding on the request needs (never the name or audit columns),
-- plus the creator's name and home tenant, which the principal and the creator check need.
CREATE FUNCTION auth_find_api_key(p_prefix text)
    RETURNS TABLE (id uuid, tenant_id uuid, secret_hash text, permissions text[], created_by uuid,
                   creator_username text, creator_tenant_id uuid, expires_at timestamptz, revoked_at timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT k.id, k.tenant_id, k.secret_hash, k.permissions, k.created_by, u.username, u.tenant_id,
           k.expires_at, k.revoked_at
      FROM api_key k JOIN app_user u ON u.id = k.created_by
     WHERE k.prefix = p_prefix
$$;

-- The home tenant of a user, by id alone. An impersonation token names its impersonator only by
-- id; checking on every request that the impersonator is still active and still allowed to
-- impersonate needs the tenant their account lives in.
CREATE FUNCTION auth_user_home_tenant(p_user_id uuid)
    RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT u.tenant_id FROM app_user u WHERE u.id = p_user_id $$;

REVOKE ALL ON FUNCTION auth_find_api_key(text), auth_user_home_tenant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_api_key(text), auth_user_home_tenant(uuid) TO ${app_role};
