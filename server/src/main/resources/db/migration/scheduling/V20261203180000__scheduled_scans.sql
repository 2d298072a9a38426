-- Scheduled scans (issue #17): scan profiles, schedules with their run history, blackout windows,
-- the console notifications that tell a schedule's owner a run finished, and db-scheduler's table.
-- Why tables of their own: a schedule outlives the scans it starts, its history must say why a
-- run was deferred or skipped, and the run row is the exactly-once guard: (schedule_id, due_at) is
-- unique, so a due time can start a run only once whatever the scheduler does. Every tenant table
-- has RLS in the style of V20261203170000 (the visible tenants read once per statement).

CREATE TABLE scan_profile (
    id                 uuid PRIMARY KEY,
    tenant_id          uuid        NOT NULL REFERENCES tenant (id),
    name               text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description        text        NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    -- Null: each agent runs the modules it is configured for.
    modules            text[],
    policies           text[]      NOT NULL DEFAULT '{}',
    frameworks         text[]      NOT NULL DEFAULT '{}',
    -- As the scan API takes it: exactly one of all, agentIds, tags, os.
    selector           jsonb       NOT NULL,
    time_limit_seconds integer     CHECK (time_limit_seconds BETWEEN 60 AND 86400),
    -- Null: every selected agent at once.
    concurrency        integer     CHECK (concurrency BETWEEN 1 AND 10000),
    jitter_seconds     integer     NOT NULL DEFAULT 0 CHECK (jitter_seconds BETWEEN 0 AND 3600),
    created_at         timestamptz NOT NULL,
    created_by         uuid,
    modified_at        timestamptz NOT NULL,
    modified_by        uuid,
    UNIQUE (tenant_id, name)
);
CREATE INDEX scan_profile_list_idx ON scan_profile (tenant_id, lower(name), id);
ALTER TABLE scan_profile ENABLE ROW LEVEL SECURITY;
ALTER TABLE scan_profile FORCE ROW LEVEL SECURITY;
CREATE POLICY scan_profile_isolation ON scan_profile
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE, DELETE ON scan_profile TO ${app_role};

CREATE TABLE scan_schedule (
    id              uuid PRIMARY KEY,
    tenant_id       uuid        NOT NULL REFERENCES tenant (id),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    profile_id      uuid        NOT NULL REFERENCES scan_profile (id),
    cron            text        NOT NULL CHECK (length(cron) BETWEEN 1 AND 200),
    zone            text        NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
    enabled         boolean     NOT NULL,
    owner_id        uuid        NOT NULL,
    catch_up        text        NOT NULL CHECK (catch_up IN ('run_once', 'skip')),
    blackout        text        NOT NULL CHECK (blackout IN ('defer', 'skip')),
    -- The next cron due time not yet handled; null while paused.
    next_run_at     timestamptz,
    last_run_at     timestamptz,
    -- A run deferred by a blackout window, started when the window ends.
    deferred_run_id uuid,
    deferred_until  timestamptz,
    created_at      timestamptz NOT NULL,
    created_by      uuid,
    modified_at     timestamptz NOT NULL,
    modified_by     uuid,
    UNIQUE (tenant_id, name),
    CHECK ((deferred_run_id IS NULL) = (deferred_until IS NULL))
);
CREATE INDEX scan_schedule_list_idx ON scan_schedule (tenant_id, lower(name), id);
CREATE INDEX scan_schedule_profile_idx ON scan_schedule (tenant_id, profile_id);
ALTER TABLE scan_schedule ENABLE ROW LEVEL SECURITY;
ALTER TABLE scan_schedule FORCE ROW LEVEL SECURITY;
CREATE POLICY scan_schedule_isolation ON scan_schedule
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE, DELETE ON scan_schedule TO ${app_role};

-- One row per due time a schedule handled (or per "run now"), kept after the schedule is deleted.
CREATE TABLE schedule_run (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenant (id),
    schedule_id    uuid        NOT NULL,
    schedule_name  text        NOT NULL,
    due_at         timestamptz NOT NULL,
    trigger        text        NOT NULL CHECK (trigger IN ('cron', 'catch_up', 'manual')),
    outcome        text        NOT NULL CHECK (outcome IN ('deferred', 'skipped', 'started', 'completed')),
    reason         text        NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
    recorded_at    timestamptz NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    -- Summed progress of the run's scans once they all finished (ScanFinished).
    counts         jsonb,
    -- Agents still to dispatch when the profile caps concurrency.
    concurrency    integer,
    UNIQUE (schedule_id, due_at)
);
CREATE INDEX schedule_run_history_idx ON schedule_run (tenant_id, schedule_id, due_at DESC, id DESC);
ALTER TABLE schedule_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_run FORCE ROW LEVEL SECURITY;
CREATE POLICY schedule_run_isolation ON schedule_run
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE ON schedule_run TO ${app_role};

-- The scans a run started (one, or one per dispatch wave under a concurrency cap).
CREATE TABLE schedule_run_scan (
    tenant_id   uuid        NOT NULL REFERENCES tenant (id),
    run_id      uuid        NOT NULL REFERENCES schedule_run (id),
    scan_id     uuid        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    counts      jsonb,
    PRIMARY KEY (run_id, scan_id)
);
CREATE UNIQUE INDEX schedule_run_scan_scan_idx ON schedule_run_scan (tenant_id, scan_id);
ALTER TABLE schedule_run_scan ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_run_scan FORCE ROW LEVEL SECURITY;
CREATE POLICY schedule_run_scan_isolation ON schedule_run_scan
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE ON schedule_run_scan TO ${app_role};

-- Under a concurrency cap: each selected agent waits (pending), scans (dispatched), or is done.
CREATE TABLE schedule_run_agent (
    tenant_id uuid NOT NULL REFERENCES tenant (id),
    run_id    uuid NOT NULL REFERENCES schedule_run (id),
    agent_id  uuid NOT NULL,
    position  integer NOT NULL,
    state     text NOT NULL CHECK (state IN ('pending', 'dispatched', 'done')),
    scan_id   uuid,
    PRIMARY KEY (run_id, agent_id)
);
CREATE INDEX schedule_run_agent_state_idx ON schedule_run_agent (tenant_id, run_id, state, position);
ALTER TABLE schedule_run_agent ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_run_agent FORCE ROW LEVEL SECURITY;
CREATE POLICY schedule_run_agent_isolation ON schedule_run_agent
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE ON schedule_run_agent TO ${app_role};

-- Blackout windows: the whole tenant (no tag) or the agents carrying one tag; weekly ranges,
-- cron starts with a duration, or one-off maintenance windows.
CREATE TABLE blackout_window (
    id               uuid PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenant (id),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    tag_key          text,
    tag_value        text,
    kind             text        NOT NULL CHECK (kind IN ('weekly', 'cron', 'once')),
    zone             text        NOT NULL CHECK (length(zone) BETWEEN 1 AND 64),
    -- weekly: ISO days 1 (Monday) to 7, local start and end (end <= start runs past midnight).
    days             smallint[],
    start_time       time,
    end_time         time,
    -- cron: a start expression and how long each window lasts.
    cron             text,
    duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 10080),
    -- once: the window's instants.
    starts_at        timestamptz,
    ends_at          timestamptz,
    created_at       timestamptz NOT NULL,
    created_by       uuid,
    UNIQUE (tenant_id, name),
    CHECK ((tag_key IS NULL) = (tag_value IS NULL)),
    CHECK (kind <> 'weekly' OR (days IS NOT NULL AND start_time IS NOT NULL AND end_time IS NOT NULL)),
    CHECK (kind <> 'cron' OR (cron IS NOT NULL AND duration_minutes IS NOT NULL)),
    CHECK (kind <> 'once' OR (starts_at IS NOT NULL AND ends_at > starts_at))
);
CREATE INDEX blackout_window_list_idx ON blackout_window (tenant_id, lower(name), id);
ALTER TABLE blackout_window ENABLE ROW LEVEL SECURITY;
ALTER TABLE blackout_window FORCE ROW LEVEL SECURITY;
CREATE POLICY blackout_window_isolation ON blackout_window
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE, DELETE ON blackout_window TO ${app_role};

-- Console notifications for one user (the alerting module, #18, does not exist yet).
CREATE TABLE console_notification (
    id         uuid PRIMARY KEY,
    tenant_id  uuid        NOT NULL REFERENCES tenant (id),
    user_id    uuid        NOT NULL,
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body       text        NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
    link       text        NOT NULL DEFAULT '' CHECK (length(link) <= 500),
    -- What the notice is about, so a redelivered event cannot notify twice.
    subject_id uuid        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    UNIQUE (tenant_id, user_id, subject_id)
);
CREATE INDEX console_notification_user_idx ON console_notification (user_id, created_at DESC, id DESC);
ALTER TABLE console_notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE console_notification FORCE ROW LEVEL SECURITY;
CREATE POLICY console_notification_isolation ON console_notification
    USING (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]))
    WITH CHECK (tenant_id = ANY ((SELECT visible_tenant_ids())::uuid[]));
GRANT SELECT, INSERT, UPDATE ON console_notification TO ${app_role};

-- db-scheduler's own table (its PostgreSQL schema for 16.x). No RLS: it holds only task names,
-- instance ids ("<tenant id>/<schedule id>", no tenant data), execution times and lock columns;
-- everything a task does reads tenant rows through a tenant transaction.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
GRANT SELECT, INSERT, UPDATE, DELETE ON scheduled_tasks TO ${app_role};
