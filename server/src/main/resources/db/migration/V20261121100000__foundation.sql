-- Foundation schema.
-- Why: isolation must be enforced by PostgreSQL itself, not only by Java code. Every table that
-- holds tenant data gets tenant_id NOT NULL and a row-level-security policy keyed on the
-- per-transaction setting app.tenant_ids (a uuid[] literal). The application connects as
-- ${app_role}, which is neither superuser nor BYPASSRLS and does not own the tables; FORCE ROW
-- LEVEL SECURITY additionally binds the owner. An unset setting means "no tenant visible", so a
-- query that forgets to open a tenant transaction sees nothing (fails closed).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${app_role}') THEN
        CREATE ROLE ${app_role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO ${app_role};

-- The tenants visible to the current transaction. Unset or empty: none.
CREATE FUNCTION visible_tenant_ids() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT COALESCE(NULLIF(current_setting('app.tenant_ids', true), ''), '{}')::uuid[] $$;

-- Secrets only the schema owner reads (for example the application role's password).
CREATE TABLE internal_secret (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON internal_secret FROM PUBLIC;

CREATE TABLE tenant (
    id          uuid PRIMARY KEY,
    parent_id   uuid REFERENCES tenant (id),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text        NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    plan        text        NOT NULL CHECK (plan IN ('FREE', 'BASIC', 'PRO', 'ENTERPRISE')),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    settings    jsonb       NOT NULL DEFAULT '{}',
    branding    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    created_by  uuid,
    modified_at timestamptz NOT NULL,
    modified_by uuid,
    CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX tenant_slug_key ON tenant (slug);
-- Exactly one root: the platform operator.
CREATE UNIQUE INDEX tenant_single_root ON tenant ((parent_id IS NULL)) WHERE parent_id IS NULL;
CREATE INDEX tenant_parent_idx ON tenant (parent_id);
ALTER TABLE tenant ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant
    USING (id = ANY (visible_tenant_ids()))
    WITH CHECK (id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant TO ${app_role};

CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    username      text        NOT NULL CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$'),
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name  text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    password_hash text,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    created_by    uuid,
    modified_at   timestamptz NOT NULL,
    modified_by   uuid
);
-- Usernames are global (they identify a login); e-mail addresses are unique within a tenant.
CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username));
CREATE UNIQUE INDEX app_user_tenant_email_key ON app_user (tenant_id, lower(email));
ALTER TABLE app_user ENABLE ROW LEVEL SECURITY;
ALTER TABLE app_user FORCE ROW LEVEL SECURITY;
CREATE POLICY app_user_isolation ON app_user
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON app_user TO ${app_role};

-- A role granted to a user on a tenant; subtree = true extends it to every descendant.
CREATE TABLE role_binding (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    user_id    uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (length(role) BETWEEN 1 AND 64),
    subtree    boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    created_by uuid,
    UNIQUE (tenant_id, user_id, role)
);
CREATE INDEX role_binding_user_idx ON role_binding (user_id);
ALTER TABLE role_binding ENABLE ROW LEVEL SECURITY;
ALTER TABLE role_binding FORCE ROW LEVEL SECURITY;
CREATE POLICY role_binding_isolation ON role_binding
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON role_binding TO ${app_role};

-- Roles a tenant defines from the permission list; usable on that tenant and its descendants.
CREATE TABLE custom_role (
    id          uuid PRIMARY KEY,
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    name        text        NOT NULL CHECK (name ~ '^[A-Za-z][A-Za-z0-9 _.-]{1,62}$'),
    description text        NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    permissions text[]      NOT NULL,
    created_at  timestamptz NOT NULL,
    created_by  uuid,
    modified_at timestamptz NOT NULL,
    modified_by uuid
);
CREATE UNIQUE INDEX custom_role_tenant_name_key ON custom_role (tenant_id, name);
ALTER TABLE custom_role ENABLE ROW LEVEL SECURITY;
ALTER TABLE custom_role FORCE ROW LEVEL SECURITY;
CREATE POLICY custom_role_isolation ON custom_role
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON custom_role TO ${app_role};

-- Keys that sign access tokens. Platform-level, not tenant data; the private half never leaves
-- the server.
CREATE TABLE signing_key (
    kid         text PRIMARY KEY,
    algorithm   text        NOT NULL,
    public_jwk  text        NOT NULL,
    private_jwk text        NOT NULL,
    created_at  timestamptz NOT NULL,
    retired_at  timestamptz
);
GRANT SELECT, INSERT, UPDATE ON signing_key TO ${app_role};

-- Named, narrow bypasses of row-level security, run with the owner's rights (SECURITY DEFINER).
-- Login must find a user by name before any tenant is known.
CREATE FUNCTION auth_find_login(p_username text)
    RETURNS TABLE (user_id uuid, tenant_id uuid, username text, password_hash text, active boolean, tenant_status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT u.id, u.tenant_id, u.username, u.password_hash, u.active, t.status
    FROM app_user u JOIN tenant t ON t.id = u.tenant_id
    WHERE lower(u.username) = lower(p_username)
$$;

-- The role bindings of one user, wherever in the tree they are bound. A custom role resolves to
-- the nearest definition on the binding's tenant or one of its ancestors; built-in roles come
-- back with NULL permissions (they are defined in code).
CREATE FUNCTION auth_role_bindings(p_user_id uuid)
    RETURNS TABLE (tenant_id uuid, role text, subtree boolean, permissions text[])
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT b.tenant_id, b.role, b.subtree,
           (SELECT cr.permissions
              FROM custom_role cr
              JOIN (WITH RECURSIVE up AS (
                        SELECT t.id, t.parent_id, 0 AS depth FROM tenant t WHERE t.id = b.tenant_id
                        UNION ALL
                        SELECT p.id, p.parent_id, up.depth + 1 FROM tenant p JOIN up ON p.id = up.parent_id)
                    SELECT id, depth FROM up) anc ON anc.id = cr.tenant_id
             WHERE cr.name = b.role
             ORDER BY anc.depth
             LIMIT 1)
      FROM role_binding b
     WHERE b.user_id = p_user_id
$$;

-- A tenant and all of its descendants: what a subtree binding makes visible.
CREATE FUNCTION tenant_subtree(p_root uuid)
    RETURNS TABLE (id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    WITH RECURSIVE tree AS (
        SELECT t.id FROM tenant t WHERE t.id = p_root
        UNION ALL
        SELECT c.id FROM tenant c JOIN tree ON c.parent_id = tree.id
    )
    SELECT tree.id FROM tree
$$;

REVOKE ALL ON FUNCTION auth_find_login(text), auth_role_bindings(uuid), tenant_subtree(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_login(text), auth_role_bindings(uuid), tenant_subtree(uuid) TO ${app_role};
GRANT EXECUTE ON FUNCTION visible_tenant_ids() TO ${app_role};

-- The platform operator's tenant, or NULL before the first start has bootstrapped it.
CREATE FUNCTION root_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT t.id FROM tenant t WHERE t.parent_id IS NULL $$;
REVOKE ALL ON FUNCTION root_tenant_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION root_tenant_id() TO ${app_role};

-- A signed-in session: the refresh token's hash, rotated on every refresh. Presenting a token
-- that was already rotated away means it was copied, so the whole session is revoked.
CREATE TABLE auth_session (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    user_id         uuid        NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    refresh_hash    text        NOT NULL,
    created_at      timestamptz NOT NULL,
    refreshed_at    timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_reason  text,
    ip              text,
    user_agent      text
);
CREATE INDEX auth_session_user_idx ON auth_session (tenant_id, user_id);
ALTER TABLE auth_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth_session FORCE ROW LEVEL SECURITY;
CREATE POLICY auth_session_isolation ON auth_session
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_session TO ${app_role};

-- The shape of the tenant tree (ids, parents, status; no names or data), for authorisation:
-- deciding whether a binding on one tenant reaches another needs the whole tree.
CREATE FUNCTION tenant_tree()
    RETURNS TABLE (id uuid, parent_id uuid, status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$ SELECT t.id, t.parent_id, t.status FROM tenant t $$;
REVOKE ALL ON FUNCTION tenant_tree() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tenant_tree() TO ${app_role};
