-- Schedules: a cron expression (with seconds) in a time zone that starts a job or a manifest at each tick.
-- next_fire_at is the next tick still to fire; the scheduler locks due rows (FOR UPDATE SKIP LOCKED) and, in the
-- transaction that inserts the tick's work, moves next_fire_at on with an update guarded by its old value, so any
-- number of replicas fire each tick once.
CREATE TABLE schedule (
    id            uuid PRIMARY KEY,
    tenant        text        NOT NULL,
    name          text        NOT NULL,
    cron          text        NOT NULL,
    time_zone     text        NOT NULL,
    kind          text        NOT NULL,
    template      jsonb       NOT NULL,
    overlap       text        NOT NULL,
    catch_up      text        NOT NULL,
    paused        boolean     NOT NULL DEFAULT false,
    labels        jsonb       NOT NULL DEFAULT '{}',
    next_fire_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL DEFAULT 0,
    CONSTRAINT schedule_kind_known CHECK (kind IN ('JOB', 'MANIFEST')),
    CONSTRAINT schedule_overlap_known CHECK (overlap IN ('SKIP', 'ALLOW', 'CANCEL_PREVIOUS')),
    CONSTRAINT schedule_catch_up_known CHECK (catch_up IN ('NONE', 'ONE', 'ALL'))
);

CREATE UNIQUE INDEX schedule_name ON schedule (tenant, name);
CREATE INDEX schedule_list ON schedule (tenant, created_at DESC, id DESC);
-- The firing loop: active schedules, earliest tick first.
CREATE INDEX schedule_due ON schedule (next_fire_at) WHERE NOT paused AND next_fire_at IS NOT NULL;

-- What each tick (or each manual trigger) did: the job or manifest it started, or why it started nothing. A tick
-- is recorded once: the unique index is the last guard against firing it twice.
CREATE TABLE schedule_firing (
    id           uuid PRIMARY KEY,
    schedule_id  uuid        NOT NULL REFERENCES schedule (id) ON DELETE CASCADE,
    fire_time    timestamptz NOT NULL,
    manual       boolean     NOT NULL DEFAULT false,
    outcome      text        NOT NULL,
    job_id       uuid,
    manifest_id  uuid,
    message      text,
    fired_at     timestamptz NOT NULL,
    CONSTRAINT schedule_firing_outcome_known CHECK (outcome IN ('FIRED', 'SKIPPED', 'FAILED'))
);

CREATE UNIQUE INDEX schedule_firing_tick ON schedule_firing (schedule_id, fire_time) WHERE NOT manual;
CREATE INDEX schedule_firing_list ON schedule_firing (schedule_id, fire_time DESC, id DESC);
-- Retention: firings oldest first.
CREATE INDEX schedule_firing_age ON schedule_firing (fire_time);
