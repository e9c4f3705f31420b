-- Indexes matched to the statements that use them, and storage settings for the two tables every job rewrites.
-- Every index on conveyor.job is written on insert and on every update that changes one of its columns (or a
-- column of its WHERE clause), so an index nothing reads only costs throughput.

-- job_due served two queries with one index whose leading column was the state: the due sweep
-- (state = 'SCHEDULED' AND not_before <= ? ORDER BY not_before) and the lost-message sweep
-- (state = 'SUBMITTED' AND created_at <= ? ORDER BY created_at). For the second one not_before sat between the
-- state and created_at, so it could not be read in created_at order. One small partial index per query instead:
-- each holds only the rows in its state and is read in the order the sweep wants.
DROP INDEX job_due;
CREATE INDEX job_scheduled_due ON job (not_before) WHERE state = 'SCHEDULED';
CREATE INDEX job_submitted_age ON job (created_at) WHERE state = 'SUBMITTED';

-- job_lease indexed lease_until, so every heartbeat (which only moves lease_until) had to write a new index entry
-- and could never be a HOT update. The lease sweep reads RUNNING rows only; there are at most as many as worker
-- slots, so it can filter and sort them by lease_until itself. Indexing started_at (set once, by the claim, with
-- the state) keeps the RUNNING rows findable without touching an indexed column on a heartbeat.
DROP INDEX job_lease;
CREATE INDEX job_running ON job (started_at) WHERE state = 'RUNNING';

-- The QUEUED sweep: jobs whose JobDispatched is overdue (queued_at older than requeue-queued-after), oldest first.
-- queued_at changes only together with the state, or when the sweep re-sends the message.
CREATE INDEX job_queued ON job (queued_at) WHERE state = 'QUEUED';

-- Retention: finished jobs oldest first. Rows enter it once, when they finish, and leave it when deleted.
CREATE INDEX job_finished ON job (finished_at) WHERE state IN ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED');

-- Retention of manifests: finished ones, oldest first (the table is small; this keeps the sweep an index read).
CREATE INDEX manifest_finished ON manifest (finished_at) WHERE state <> 'RUNNING';

-- Kept as they are, each read by a query: job_idempotency (submission by key), job_list, job_list_by_state and
-- job_list_by_type (GET /jobs, all, by state, by type), job_by_manifest (a manifest's jobs, retention of
-- manifests), job_failed (GET /dead-letters), job_event_by_job (a job's history, and the cascade when retention
-- deletes a job), job_dependency_upstream (satisfying dependents, and the cascade on depends_on).

-- conveyor.job is an update-heavy queue table: each job is rewritten about five times within seconds of its
-- insert. fillfactor 80 leaves room in each page so that updates which touch no indexed column (heartbeats and
-- progress reports, now that lease_until is not indexed) stay on the page as HOT updates without new index
-- entries, and the state changes that must write index entries at least find room for the new row version. Autovacuum's defaults wait until 20% of the table is dead before vacuuming (10% before analysing),
-- which on a table of millions of rows lets dead tuples pile up and bloat the partial indexes the sweeps read;
-- vacuum at 2% (analyse at 1%), and let each run do more work before it pauses, so it keeps up with the churn.
ALTER TABLE job SET (
    fillfactor = 80,
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.01,
    autovacuum_vacuum_cost_limit = 1000
);

-- conveyor.job_event is append-only until retention deletes from it. Insert-driven vacuum (PostgreSQL 13+) keeps
-- its visibility map current, so a job's history is read from the index alone; 5% instead of the default 20%.
-- Retention deletes in batches, so dead rows come in bursts: vacuum them at 5% too.
ALTER TABLE job_event SET (
    autovacuum_vacuum_insert_scale_factor = 0.05,
    autovacuum_vacuum_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.02
);
