-- Conveyor's schema. PostgreSQL is the truth: every state change is one guarded UPDATE on conveyor.job.

CREATE TABLE manifest (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL DEFAULT 'default',
    name             text        NOT NULL,
    labels           jsonb       NOT NULL DEFAULT '{}',
    state            text        NOT NULL,
    idempotency_key  text,
    request_hash     text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    version          bigint      NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX manifest_idempotency ON manifest (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX manifest_list ON manifest (tenant, created_at DESC, id DESC);
CREATE INDEX manifest_list_by_state ON manifest (tenant, state, created_at DESC, id DESC);

CREATE TABLE job (
    id                    uuid PRIMARY KEY,
    tenant                text        NOT NULL DEFAULT 'default',
    type                  text        NOT NULL,
    params                jsonb       NOT NULL DEFAULT '{}',
    labels                jsonb       NOT NULL DEFAULT '{}',
    state                 text        NOT NULL,
    attempt               integer     NOT NULL DEFAULT 0,
    max_attempts          integer     NOT NULL DEFAULT 3,
    timeout_ms            bigint,
    not_before            timestamptz,
    lease_owner           text,
    lease_until           timestamptz,
    cancel_requested      boolean     NOT NULL DEFAULT false,
    progress              jsonb,
    result                jsonb,
    error                 text,
    idempotency_key       text,
    request_hash          text,
    manifest_id           uuid REFERENCES manifest (id),
    job_key               text,
    pending_dependencies  integer     NOT NULL DEFAULT 0,
    parent_id             uuid,
    depth                 integer     NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    queued_at             timestamptz,
    started_at            timestamptz,
    finished_at           timestamptz,
    version               bigint      NOT NULL DEFAULT 0,
    CONSTRAINT job_state_known CHECK (state IN
        ('SUBMITTED', 'WAITING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED')),
    CONSTRAINT job_key_unique_in_manifest UNIQUE (manifest_id, job_key)
);

-- Idempotency keys are scoped per tenant.
CREATE UNIQUE INDEX job_idempotency ON job (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- Sweeps: SUBMITTED rows whose message was lost, SCHEDULED rows that came due.
CREATE INDEX job_due ON job (state, not_before, created_at) WHERE state IN ('SUBMITTED', 'SCHEDULED');
-- Lease sweep: RUNNING rows whose worker stopped renewing.
CREATE INDEX job_lease ON job (lease_until) WHERE state = 'RUNNING';
-- Keyset-paginated listing, newest first, optionally by state or type.
CREATE INDEX job_list ON job (tenant, created_at DESC, id DESC);
CREATE INDEX job_list_by_state ON job (tenant, state, created_at DESC, id DESC);
CREATE INDEX job_list_by_type ON job (tenant, type, created_at DESC, id DESC);
CREATE INDEX job_by_manifest ON job (manifest_id) WHERE manifest_id IS NOT NULL;
CREATE INDEX job_failed ON job (tenant, finished_at DESC) WHERE state = 'FAILED';

CREATE TABLE job_dependency (
    job_id      uuid NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    depends_on  uuid NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, depends_on)
);

-- On success the scheduler finds a job's dependents through this index.
CREATE INDEX job_dependency_upstream ON job_dependency (depends_on);

-- Every state transition, written by the same statement that makes it.
CREATE TABLE job_event (
    id          bigserial PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    from_state  text,
    to_state    text        NOT NULL,
    attempt     integer     NOT NULL,
    worker      text,
    message     text,
    at          timestamptz NOT NULL
);

CREATE INDEX job_event_by_job ON job_event (job_id, id);

-- Job types the running workers serve, with the JSON Schema of their params. Workers register
-- their handlers here at start-up, so the API validates against what can actually run.
CREATE TABLE job_type (
    type            text PRIMARY KEY,
    params_schema   jsonb       NOT NULL,
    description     text,
    registered_by   text        NOT NULL,
    updated_at      timestamptz NOT NULL
);
