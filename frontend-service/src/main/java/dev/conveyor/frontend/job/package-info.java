/**
 * Jobs through the public API. A submission is checked (fields with Bean Validation, then params size,
 * job type and params against the type's JSON Schema), stored by the {@code SubmissionBatcher} together with the other submissions
 * waiting at that moment in one committed statement (group commit), and only then answered and
 * announced on {@code conveyor.jobs.submitted}, asynchronously so a Kafka outage never delays or
 * fails a POST; the scheduler's sweeper covers any message that is lost. A bulk submission is checked
 * all or nothing and stored with the same insert in one transaction. An Idempotency-Key makes
 * retries safe: the unique index on (tenant, key) decides races, and a replay answers with the job
 * the first request created. Every answer is read through the Spring Data repositories over read-only
 * entities ({@code JobRepository}, {@code JobEventRepository}), lists with keyset scrolling, scoped to the
 * caller's tenant; every change is a guarded statement of the store, and the reads a change is decided on
 * (under a lock, after a lost race) are the store's too. Cancel and retry are guarded transitions: a job
 * that moved between the read and the update is read again and the decision made again, a bounded
 * number of times; a retry inside a manifest also re-arms the jobs it had caused to be skipped.
 */
package dev.conveyor.frontend.job;
