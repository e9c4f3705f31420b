-- An edge is satisfied once its upstream job succeeded. Marking the edge and decrementing the
-- dependent's pending count in one guarded statement makes a duplicate success event harmless.
ALTER TABLE job_dependency ADD COLUMN satisfied boolean NOT NULL DEFAULT false;
