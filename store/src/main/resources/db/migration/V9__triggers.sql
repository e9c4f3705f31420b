-- File-arrival triggers: each new file in a watched directory (inside the files directory) that matches a glob
-- starts one job or manifest. A file is known by its path, size and modification time: a rewritten file is a new
-- file. The scanner records the first observation (SEEN) and starts the work on a later observation at least
-- stable-after apart that still sees the same size and time, with an update guarded by SEEN in the transaction
-- that stores the work, so any number of scheduler replicas start each file once.
CREATE TABLE file_trigger (
    id          uuid PRIMARY KEY,
    tenant      text        NOT NULL,
    name        text        NOT NULL,
    watch_path  text        NOT NULL,
    glob        text        NOT NULL,
    kind        text        NOT NULL,
    template    jsonb       NOT NULL,
    paused      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint      NOT NULL DEFAULT 0,
    CONSTRAINT file_trigger_kind_known CHECK (kind IN ('JOB', 'MANIFEST'))
);

CREATE UNIQUE INDEX file_trigger_name ON file_trigger (tenant, name);
CREATE INDEX file_trigger_list ON file_trigger (tenant, created_at DESC, id DESC);

-- One row per file identity and trigger: the unique index is what makes a file start at most once.
CREATE TABLE trigger_file (
    id             uuid PRIMARY KEY,
    trigger_id     uuid        NOT NULL REFERENCES file_trigger (id) ON DELETE CASCADE,
    path           text        NOT NULL,
    size           bigint      NOT NULL,
    modified_at    timestamptz NOT NULL,
    first_seen_at  timestamptz NOT NULL,
    last_seen_at   timestamptz NOT NULL,
    state          text        NOT NULL,
    job_id         uuid,
    manifest_id    uuid,
    message        text,
    started_at     timestamptz,
    CONSTRAINT trigger_file_state_known CHECK (state IN ('SEEN', 'STARTED', 'FAILED'))
);

CREATE UNIQUE INDEX trigger_file_identity ON trigger_file (trigger_id, path, size, modified_at);
CREATE INDEX trigger_file_list ON trigger_file (trigger_id, first_seen_at DESC, id DESC);
