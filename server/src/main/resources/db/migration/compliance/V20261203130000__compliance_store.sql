-- Compliance store: the current verdict of every check on every asset with its evidence, scores
-- per asset and framework, a daily history per tenant and framework, the policies a tenant
-- imported, what each tenant enabled, and the re-evaluation runs that follow a content change.
-- Why these shapes: the facts stay in module_result (agents); verdicts are derived from them and
-- replaced on every evaluation, so compliance_result keeps only the current verdict per
-- (asset, policy, check) and first_failed_at across evaluations. History is kept per TENANT and
-- framework and day, not per asset: a year for ten thousand assets is 365 rows per framework,
-- which is what keeps the summary and trend endpoints fast. Every table is tenant data under
-- the same row-level security as module_result.

CREATE TABLE compliance_asset (
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    agent_id      uuid        NOT NULL,
    name          text        NOT NULL,
    hostname      text        NOT NULL,
    os_family     text        NOT NULL,
    tags          jsonb       NOT NULL DEFAULT '{}',
    -- The job whose result was last evaluated (a re-delivered event for it changes nothing).
    last_job_id   uuid,
    last_scan_id  uuid,
    evaluated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
);
CREATE INDEX compliance_asset_list_idx ON compliance_asset (tenant_id, name, agent_id);

CREATE TABLE compliance_result (
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    agent_id        uuid        NOT NULL,
    policy_id       text        NOT NULL,
    check_id        text        NOT NULL,
    check_version   integer     NOT NULL,
    policy_version  text        NOT NULL,
    -- Copied from the content at evaluation time, so lists filter and search without it.
    title           text        NOT NULL,
    severity        text        NOT NULL,
    verdict         text        NOT NULL CHECK (verdict IN ('PASS', 'FAIL', 'NOT_APPLICABLE', 'ERROR', 'UNSUPPORTED')),
    reason          text        NOT NULL,
    evidence        jsonb       NOT NULL,
    scan_id         uuid,
    evaluated_at    timestamptz NOT NULL,
    -- When the check started failing on this asset without passing since; null unless FAIL.
    first_failed_at timestamptz,
    PRIMARY KEY (tenant_id, agent_id, policy_id, check_id)
);
CREATE INDEX compliance_result_check_idx ON compliance_result (tenant_id, check_id, verdict);
CREATE INDEX compliance_result_verdict_idx ON compliance_result (tenant_id, verdict, agent_id);

CREATE TABLE compliance_asset_score (
    tenant_id             uuid          NOT NULL REFERENCES tenant (id),
    agent_id              uuid          NOT NULL,
    framework_id          text          NOT NULL,
    pass_count            integer       NOT NULL,
    fail_count            integer       NOT NULL,
    na_count              integer       NOT NULL,
    error_count           integer       NOT NULL,
    -- Control statuses once exceptions are applied (accepted failures pass, overrides decide).
    pass_with_exceptions  integer       NOT NULL,
    fail_with_exceptions  integer       NOT NULL,
    -- 0..100, null when no control of the framework could be judged on this asset.
    score                 numeric(5, 2),
    score_with_exceptions numeric(5, 2),
    evaluated_at          timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, framework_id, agent_id)
);
CREATE INDEX compliance_asset_score_agent_idx ON compliance_asset_score (tenant_id, agent_id);

-- One row per tenant, framework and day (UTC), rewritten while the day lasts. Counts are control
-- statuses summed over assets; mean_* average the asset scores, pooled_* weigh every judged
-- control of every asset alike.
CREATE TABLE compliance_score_daily (
    tenant_id                     uuid          NOT NULL REFERENCES tenant (id),
    framework_id                  text          NOT NULL,
    day                           date          NOT NULL,
    pass_count                    integer       NOT NULL,
    fail_count                    integer       NOT NULL,
    na_count                      integer       NOT NULL,
    error_count                   integer       NOT NULL,
    pass_with_exceptions          integer       NOT NULL,
    fail_with_exceptions          integer       NOT NULL,
    asset_count                   integer       NOT NULL,
    mean_score                    numeric(5, 2),
    pooled_score                  numeric(5, 2),
    mean_score_with_exceptions    numeric(5, 2),
    pooled_score_with_exceptions  numeric(5, 2),
    updated_at                    timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, framework_id, day)
);

CREATE TABLE compliance_policy (
    tenant_id             uuid        NOT NULL REFERENCES tenant (id),
    policy_id             text        NOT NULL CHECK (policy_id ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
    version               text        NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
    title                 text        NOT NULL,
    origin                text        NOT NULL CHECK (origin IN ('IMPORTED_TENANTRA', 'IMPORTED_WAZUH')),
    format                text        NOT NULL CHECK (format IN ('tenantra', 'wazuh')),
    file_name             text        NOT NULL,
    source                text        NOT NULL,
    -- SHA-256 of the source: importing the same file twice is recognised as a replay.
    source_sha256         text        NOT NULL,
    check_count           integer     NOT NULL,
    command_rules         boolean     NOT NULL,
    enabled               boolean     NOT NULL,
    command_rules_enabled boolean     NOT NULL DEFAULT false,
    problems              jsonb       NOT NULL DEFAULT '[]',
    imported_at           timestamptz NOT NULL,
    imported_by           uuid,
    modified_at           timestamptz NOT NULL,
    modified_by           uuid,
    PRIMARY KEY (tenant_id, policy_id, version)
);

-- Frameworks and check-to-control mappings a tenant imported (source kept for export).
CREATE TABLE compliance_framework (
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    framework_id  text        NOT NULL CHECK (framework_id ~ '^[a-z0-9][a-z0-9._-]{0,99}$'),
    version       text        NOT NULL,
    title         text        NOT NULL,
    source        text        NOT NULL,
    source_sha256 text        NOT NULL,
    imported_at   timestamptz NOT NULL,
    imported_by   uuid,
    PRIMARY KEY (tenant_id, framework_id)
);

CREATE TABLE compliance_mapping (
    tenant_id     uuid        NOT NULL REFERENCES tenant (id),
    id            uuid        NOT NULL,
    file_name     text        NOT NULL,
    source        text        NOT NULL,
    source_sha256 text        NOT NULL,
    entry_count   integer     NOT NULL,
    imported_at   timestamptz NOT NULL,
    imported_by   uuid,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, source_sha256)
);

-- What a tenant switched on. NULL means "as my parent" (the root's NULL: everything built in).
CREATE TABLE compliance_enablement (
    tenant_id   uuid        PRIMARY KEY REFERENCES tenant (id),
    frameworks  text[],
    policies    text[],
    modified_at timestamptz NOT NULL,
    modified_by uuid
);

-- A re-evaluation of every asset of a tenant from stored facts, after content or enablement changed.
CREATE TABLE compliance_evaluation (
    id           uuid        PRIMARY KEY,
    tenant_id    uuid        NOT NULL REFERENCES tenant (id),
    reason       text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('queued', 'running', 'completed', 'failed')),
    total        integer     NOT NULL DEFAULT 0,
    done         integer     NOT NULL DEFAULT 0,
    message      text,
    created_at   timestamptz NOT NULL,
    created_by   uuid,
    started_at   timestamptz,
    finished_at  timestamptz
);
CREATE INDEX compliance_evaluation_list_idx ON compliance_evaluation (tenant_id, created_at DESC);

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['compliance_asset', 'compliance_result', 'compliance_asset_score',
                             'compliance_score_daily', 'compliance_policy', 'compliance_enablement',
                             'compliance_evaluation', 'compliance_framework', 'compliance_mapping'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY %I ON %I USING (tenant_id = ANY (visible_tenant_ids()))'
                       ' WITH CHECK (tenant_id = ANY (visible_tenant_ids()))', t || '_isolation', t);
    END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON compliance_asset, compliance_result, compliance_asset_score
    TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON compliance_score_daily, compliance_policy, compliance_enablement,
    compliance_evaluation, compliance_framework, compliance_mapping TO ${app_role};
