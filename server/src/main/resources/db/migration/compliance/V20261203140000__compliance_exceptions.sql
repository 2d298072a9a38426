-- Compliance exceptions: a failing check accepted (or a not-applicable one overridden to pass or
-- fail) for one asset, one agent tag or a whole tenant, with a reason, an expiry and an approver
-- other than the requester. Why a table of its own with a history beside it: auditors ask who
-- asked, who approved and when it ended, long after the exception stopped counting, so rows are
-- never deleted and every step is kept as its own history row. The state is derived from the
-- columns and the clock (expired when expires_at <= now), never stored, so it cannot go stale.
-- The one cross-tenant lookup is the expiry sweep's, a SECURITY DEFINER function returning ids.

CREATE TABLE compliance_exception (
    id                  uuid PRIMARY KEY,
    tenant_id           uuid        NOT NULL REFERENCES tenant (id),
    check_id            text        NOT NULL CHECK (check_id ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
    -- Exactly one scope: an asset (agent id), a tag key and value, or neither (the tenant).
    asset_id            uuid,
    tag_key             text,
    tag_value           text,
    kind                text        NOT NULL CHECK (kind IN ('ACCEPT', 'OVERRIDE')),
    override_to         text        CHECK (override_to IN ('PASS', 'FAIL')),
    reason              text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    expires_at          timestamptz NOT NULL,
    requested_at        timestamptz NOT NULL,
    requested_by        uuid        NOT NULL,
    requested_by_name   text        NOT NULL,
    decision            text        CHECK (decision IN ('approved', 'rejected')),
    decided_at          timestamptz,
    decided_by          uuid,
    decided_by_name     text,
    revoked_at          timestamptz,
    revoked_by          uuid,
    revoked_by_name     text,
    -- Set by the expiry sweep once it announced that an approved exception stopped counting.
    expiry_announced_at timestamptz,
    CHECK (asset_id IS NULL OR tag_key IS NULL),
    CHECK ((tag_key IS NULL) = (tag_value IS NULL)),
    CHECK ((kind = 'OVERRIDE') = (override_to IS NOT NULL)),
    CHECK ((decision IS NULL) = (decided_at IS NULL))
);
CREATE INDEX compliance_exception_list_idx ON compliance_exception (tenant_id, requested_at DESC, id DESC);
CREATE INDEX compliance_exception_check_idx ON compliance_exception (tenant_id, check_id);
CREATE INDEX compliance_exception_active_idx ON compliance_exception (tenant_id, expires_at)
    WHERE decision = 'approved' AND revoked_at IS NULL;
CREATE INDEX compliance_exception_expiry_idx ON compliance_exception (expires_at)
    WHERE decision = 'approved' AND revoked_at IS NULL AND expiry_announced_at IS NULL;
ALTER TABLE compliance_exception ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_exception FORCE ROW LEVEL SECURITY;
CREATE POLICY compliance_exception_isolation ON compliance_exception
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT, UPDATE ON compliance_exception TO ${app_role};

-- Every step of an exception's life, oldest first: requested, approved, rejected, revoked, expired.
CREATE TABLE compliance_exception_event (
    id           uuid PRIMARY KEY,
    -- Orders steps taken within one instant (one call has one time).
    seq          bigint      GENERATED ALWAYS AS IDENTITY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    exception_id uuid        NOT NULL REFERENCES compliance_exception (id),
    action       text        NOT NULL CHECK (action IN ('requested', 'approved', 'rejected', 'revoked', 'expired')),
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    user_id      uuid,
    note         text        NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
);
CREATE INDEX compliance_exception_event_idx ON compliance_exception_event (tenant_id, exception_id, at, seq);
ALTER TABLE compliance_exception_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE compliance_exception_event FORCE ROW LEVEL SECURITY;
CREATE POLICY compliance_exception_event_isolation ON compliance_exception_event
    USING (tenant_id = ANY (visible_tenant_ids()))
    WITH CHECK (tenant_id = ANY (visible_tenant_ids()));
GRANT SELECT, INSERT ON compliance_exception_event TO ${app_role};

-- Approved exceptions that expired and were not yet announced, for the expiry sweep.
CREATE FUNCTION compliance_exceptions_expired(p_now timestamptz, p_limit integer)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
AS $$
    SELECT e.id, e.tenant_id FROM compliance_exception e
     WHERE e.decision = 'approved' AND e.revoked_at IS NULL AND e.expiry_announced_at IS NULL
       AND e.expires_at <= p_now
     LIMIT p_limit
$$;
REVOKE ALL ON FUNCTION compliance_exceptions_expired(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION compliance_exceptions_expired(timestamptz, integer) TO ${app_role};
