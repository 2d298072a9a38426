-- Every tenant gets its audit chain head when it is created, so that an append only ever moves an
-- existing head (a plain UPDATE) instead of upserting it; and the check on audit_event.outcome
-- moves into the append statement (io.tenantra.audit.ChainAppender).
-- Why: both are what an append costs PostgreSQL beyond its work. Measured with pgbench
-- (docs/performance-audit.md), the upsert's speculative insertion costs more than an update of the
-- same row, and a CHECK constraint is rebuilt from its stored form on every statement that writes
-- to the table, while the same test inside a prepared statement is planned once.
-- 1. Heads at seq 0 (the genesis hash, no event yet) for every tenant that has none, and a trigger
--    that adds one with every new tenant. The trigger runs as the schema owner: the application
--    role no longer needs to INSERT heads, only to move them.
-- 2. audit_append_refused: what the append calls when it finds no head to move, either because
--    the tenant is outside the transaction's scope (row-level security hides its head) or because
--    there is no such tenant. It raises, so the change cannot commit without its event.
-- 3. The outcome CHECK goes; the append stores NULL for any other value, which the column's NOT
--    NULL refuses.
-- Heads of deleted tenants stay, as their events do: a tenant's trail outlives the tenant.
INSERT INTO audit_chain_head (tenant_id, seq, prev_hash, hash)
SELECT t.id, 0, NULL, repeat('0', 64)
  FROM tenant t
 WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.tenant_id = t.id);

CREATE FUNCTION audit_chain_head_for_new_tenant() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
BEGIN
    INSERT INTO audit_chain_head (tenant_id, seq, prev_hash, hash)
    VALUES (NEW.id, 0, NULL, repeat('0', 64))
    ON CONFLICT (tenant_id) DO NOTHING;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION audit_chain_head_for_new_tenant() FROM PUBLIC;

CREATE TRIGGER tenant_audit_chain_head
    AFTER INSERT ON tenant
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_for_new_tenant();

REVOKE INSERT ON audit_chain_head FROM ${app_role};

-- Volatile, so that the planner never evaluates it ahead of time: only a missing head calls it.
CREATE FUNCTION audit_append_refused(p_tenant_id uuid) RETURNS bigint
    LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
    RAISE EXCEPTION 'audit event for tenant % refused: its chain is outside this transaction''s tenant scope or does not exist',
        p_tenant_id
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION audit_append_refused(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_append_refused(uuid) TO ${app_role};

ALTER TABLE audit_event DROP CONSTRAINT audit_event_outcome_check;
