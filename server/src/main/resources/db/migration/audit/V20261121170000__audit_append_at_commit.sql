-- Audit events are now appended when their transaction commits, in the COMMIT's own round trip
-- (io.tenantra.database.CommitRoundTripTransactionManager), with the transaction's scope set to
-- the events' tenants just before. An event whose tenant is not in scope can then only be a bug,
-- and the old answer (no row, nothing stored) would let its transaction commit without its event:
-- raise instead, which rolls the transaction back. Otherwise unchanged.
CREATE OR REPLACE FUNCTION audit_append(
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
        RAISE EXCEPTION 'audit_append: tenant % is not in this transaction''s scope', p_tenant_id
            USING ERRCODE = 'insufficient_privilege';
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
