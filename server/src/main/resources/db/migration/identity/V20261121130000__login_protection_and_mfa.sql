-- Login protection and multi-factor authentication.
-- Why: password guessing must be slowed down per account, not only per client, so the count of
-- consecutive failures and the end of the current lock live on the user row, where every server
-- node sees them. TOTP secrets and recovery-code hashes are tenant data like any other: a table
-- with tenant_id, a tenant-scoped key and row-level security. Login finds a user before any
-- tenant is known, so the narrow SECURITY DEFINER lookup now also returns what login must decide
-- on before it opens a tenant transaction: the lock state and whether MFA is enabled.

ALTER TABLE app_user
    ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
    ADD COLUMN locked_until       timestamptz,
    ADD COLUMN last_failed_at     timestamptz;

-- One TOTP authenticator per user. secret is the base32 shared key; confirmed_at stays NULL
-- while enrolment is pending (the key was shown but no code has proved it was stored).
-- last_used_step is the newest 30-second step a code was accepted for: codes for that step or an
-- older one are refused, so an observed code cannot be replayed.
CREATE TABLE user_mfa (
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    secret          text        NOT NULL CHECK (secret ~ '^[A-Z2-7]{16,128}$'),
    created_at      timestamptz NOT NULL,
    confirmed_at    timestamptz,
    recovery_hashes text[]      NOT NULL DEFAULT '{}',
    last_used_step  bigint,
    PRIMARY KEY (tenant_id, user_id)
);
CREATE UNIQUE INDEX user_mfa_user_key ON user_mfa (user_id);
ALTER TABLE user_mfa ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_mfa FORCE ROW LEVEL SECURITY;
CREATE POLICY user_mfa_isolation ON user_mfa
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON user_mfa TO ${app_role};

-- The return type changes, which CREATE OR REPLACE cannot do: drop and recreate, then grant again.
DROP FUNCTION auth_find_login(text);
CREATE FUNCTION auth_find_login(p_username text)
    RETURNS TABLE (user_id uuid, tenant_id uuid, username text, email text, password_hash text, active boolean,
                   tenant_status text, failed_login_count integer, locked_until timestamptz,
                   last_failed_at timestamptz, mfa_enabled boolean)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT u.id, u.tenant_id, u.username, u.email, u.password_hash, u.active, t.status,
           u.failed_login_count, u.locked_until, u.last_failed_at,
           EXISTS (SELECT 1 FROM user_mfa m
                    WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND m.confirmed_at IS NOT NULL)
    FROM app_user u JOIN tenant t ON t.id = u.tenant_id
    WHERE lower(u.username) = lower(p_username)
$$;
REVOKE ALL ON FUNCTION auth_find_login(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_login(text) TO ${app_role};
