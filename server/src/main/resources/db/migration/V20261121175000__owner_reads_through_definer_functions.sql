-- The schema owner is no longer bound by row-level security (NO FORCE ROW LEVEL SECURITY).
-- Why: the cross-tenant lookups that run before a tenant is known (login, root_tenant_id, the
-- agent and audit sweeps) are SECURITY DEFINER functions, so they run as the owner. On the
-- embedded server the owner is a superuser, which ignores row-level security anyway; on an
-- external server the owner is an ordinary role with CREATEROLE, and FORCE made those functions
-- see no rows at all: nobody could log in. Forcing the policies on the owner never protected
-- anything real (the owner may disable them whenever it likes); isolation rests on the
-- application role, which is neither owner, superuser nor BYPASSRLS, and which the server
-- checks at every start. Policies stay enabled on every table.
DO $$
DECLARE
    t regclass;
BEGIN
    FOR t IN
        SELECT c.oid::regclass
          FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relforcerowsecurity
    LOOP
        EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;
