-- Every state change of a job writes a new row version, with an entry in each index whose WHERE clause it meets,
-- and runs each row trigger whose WHEN clause it meets. Three costs of that no query needed:

-- The uniqueness of a job's key within its manifest was a table constraint over (manifest_id, job_key), whose
-- index also held every standalone job (manifest_id NULL, never in conflict). A partial unique index enforces the
-- same rule and holds only manifests' jobs; it also serves "the jobs of manifest X" (its leading column), which
-- job_by_manifest served, so that index goes.
ALTER TABLE job DROP CONSTRAINT job_key_unique_in_manifest;
CREATE UNIQUE INDEX job_key_unique_in_manifest ON job (manifest_id, job_key) WHERE manifest_id IS NOT NULL;
DROP INDEX job_by_manifest;

-- The completion webhook's trigger called its function for every job that finished, to look for a subscription
-- most jobs do not have. The job now says whether it has one (set in the transaction that subscribes it), and the
-- WHEN clause, which is evaluated without calling the function, reads that.
ALTER TABLE job ADD COLUMN webhook boolean NOT NULL DEFAULT false;
UPDATE job SET webhook = true WHERE id IN (SELECT job_id FROM webhook_subscription WHERE job_id IS NOT NULL);

DROP TRIGGER job_finished_webhook ON job;
CREATE TRIGGER job_finished_webhook AFTER UPDATE OF state ON job
    FOR EACH ROW
    WHEN (NEW.webhook AND NEW.state IN ('SUCCEEDED', 'FAILED', 'CANCELLED') AND OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION webhook_job_finished();

-- The history's foreign key checked, for every row written to it, that its job exists: a lookup in the job's
-- primary key from a statement that had just updated that very job (each history row is written by the statement
-- that makes the move, from the rows it moved, so it cannot name a job that does not exist). Its one other use was
-- deleting a job's history with the job, which retention now does itself, in the same statement.
ALTER TABLE job_event DROP CONSTRAINT job_event_job_id_fkey;
