-- Each job's W3C trace context, taken at submission: every service starts that job's spans under it, so one job's
-- work is one trace even though submissions, dispatches and claims are batched. trace_id is kept apart so the API
-- reads it without parsing; both are null for jobs stored before this migration. Plain nullable columns: adding
-- them rewrites nothing.
ALTER TABLE job
    ADD COLUMN trace_id     text,
    ADD COLUMN trace_parent text;
