-- Completion webhooks. A job or manifest submitted with "notify" has a subscription row, written in the transaction
-- that inserts it. When it reaches a final state, a trigger writes the delivery (the outbox row) in the very
-- transaction that makes it final, whichever code path moved it (worker outcome, cancel, sweep, skip), so no final
-- state is ever without its delivery and no Java path needs to remember it. The trigger's WHEN clause is evaluated
-- without calling the function, so the many updates that do not finish a job (heartbeats, progress, dispatch) cost
-- nothing; a finishing job costs one primary-key lookup.
CREATE TABLE webhook_subscription (
    job_id       uuid REFERENCES job (id) ON DELETE CASCADE,
    manifest_id  uuid REFERENCES manifest (id) ON DELETE CASCADE,
    url          text   NOT NULL,
    events       text[] NOT NULL,
    CONSTRAINT webhook_subscription_one_target CHECK ((job_id IS NULL) <> (manifest_id IS NULL))
);

CREATE UNIQUE INDEX webhook_subscription_job ON webhook_subscription (job_id) WHERE job_id IS NOT NULL;
CREATE UNIQUE INDEX webhook_subscription_manifest ON webhook_subscription (manifest_id) WHERE manifest_id IS NOT NULL;

-- The outbox: one row per event to deliver. id is the event id receivers de-duplicate on (Conveyor-Event-Id); body is
-- the exact text that is signed and sent. No foreign keys: a delivery outlives the job retention deletes.
CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY,
    tenant           text        NOT NULL,
    job_id           uuid,
    manifest_id      uuid,
    event            text        NOT NULL,
    url              text        NOT NULL,
    body             text        NOT NULL,
    state            text        NOT NULL DEFAULT 'PENDING',
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status      integer,
    last_error       text,
    created_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    CONSTRAINT webhook_delivery_state_known CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED'))
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_by_job ON webhook_delivery (job_id, created_at DESC, id DESC) WHERE job_id IS NOT NULL;
CREATE INDEX webhook_delivery_by_manifest ON webhook_delivery (manifest_id, created_at DESC, id DESC)
    WHERE manifest_id IS NOT NULL;
CREATE INDEX webhook_delivery_finished ON webhook_delivery (finished_at) WHERE state <> 'PENDING';

-- The per-tenant signing secret (HMAC-SHA256 of "timestamp.body").
CREATE TABLE webhook_secret (
    tenant      text PRIMARY KEY,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL
);

-- The body: ids, state, timestamps and a summary of the result (its top-level numbers, strings and booleans, such as
-- rowCount, table, path or passed; never rows, never params).
CREATE FUNCTION webhook_job_finished() RETURNS trigger LANGUAGE plpgsql
    -- the statements that fire it name conveyor.job; the function must find its tables whatever the session's path
    SET search_path = conveyor, pg_catalog AS $$
DECLARE
    subscription webhook_subscription;
    event_name text := lower(NEW.state);
    event_id uuid := gen_random_uuid();
BEGIN
    SELECT * INTO subscription FROM webhook_subscription WHERE job_id = NEW.id;
    IF NOT FOUND OR NOT (event_name = ANY (subscription.events)) THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_delivery (id, tenant, job_id, event, url, body, next_attempt_at, created_at)
    VALUES (event_id, NEW.tenant, NEW.id, 'job.' || event_name, subscription.url,
            jsonb_strip_nulls(jsonb_build_object(
                'eventId', event_id,
                'event', 'job.' || event_name,
                'tenant', NEW.tenant,
                'jobId', NEW.id,
                'manifestId', NEW.manifest_id,
                'type', NEW.type,
                'state', NEW.state,
                'attempt', NEW.attempt,
                'createdAt', NEW.created_at,
                'startedAt', NEW.started_at,
                'finishedAt', NEW.finished_at,
                'error', NEW.error,
                'result', (SELECT jsonb_object_agg(key, value) FROM jsonb_each(NEW.result)
                            WHERE jsonb_typeof(value) IN ('number', 'string', 'boolean'))))::text,
            NEW.updated_at, NEW.updated_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER job_finished_webhook AFTER UPDATE OF state ON job
    FOR EACH ROW
    WHEN (NEW.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION webhook_job_finished();

CREATE FUNCTION webhook_manifest_finished() RETURNS trigger LANGUAGE plpgsql
    SET search_path = conveyor, pg_catalog AS $$
DECLARE
    subscription webhook_subscription;
    event_name text := lower(NEW.state);
    event_id uuid := gen_random_uuid();
BEGIN
    SELECT * INTO subscription FROM webhook_subscription WHERE manifest_id = NEW.id;
    IF NOT FOUND OR NOT (event_name = ANY (subscription.events)) THEN
        RETURN NULL;
    END IF;
    INSERT INTO webhook_delivery (id, tenant, manifest_id, event, url, body, next_attempt_at, created_at)
    VALUES (event_id, NEW.tenant, NEW.id, 'manifest.' || event_name, subscription.url,
            jsonb_strip_nulls(jsonb_build_object(
                'eventId', event_id,
                'event', 'manifest.' || event_name,
                'tenant', NEW.tenant,
                'manifestId', NEW.id,
                'name', NEW.name,
                'state', NEW.state,
                'createdAt', NEW.created_at,
                'finishedAt', NEW.finished_at,
                'jobs', (SELECT jsonb_object_agg(state, n) FROM (SELECT state, count(*) AS n FROM job
                          WHERE manifest_id = NEW.id GROUP BY state) counts)))::text,
            NEW.updated_at, NEW.updated_at);
    RETURN NULL;
END;
$$;

CREATE TRIGGER manifest_finished_webhook AFTER UPDATE OF state ON manifest
    FOR EACH ROW
    WHEN (NEW.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION webhook_manifest_finished();
