package dev.conveyor.frontend.job;

import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobInserts;
import dev.conveyor.store.NewJob;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Group commit for single submissions. Each request hands its checked job over and waits; a writer
 * takes whatever is waiting (up to {@code conveyor.frontend.submission.max-batch-size}) and stores it
 * with one {@link JobInserts#insertAll} statement, which commits on its own. There is no timer: a
 * lone request is written at once, and the requests that arrive while batches are being written make
 * up the next one, so batches grow exactly when the database is the bottleneck.
 *
 * <p>Several writers ({@code conveyor.frontend.submission.writers}) take turns: with one writer, a
 * request that arrives just after a batch left waits for that batch's commit and then for its own,
 * about two commit latencies; an idle writer takes it at once, and PostgreSQL flushes the commits of
 * concurrent writers together.
 *
 * <p>A request is answered only with its own outcome after the statement returned, so a 202 still
 * means a committed row. When the write fails (the database is down) every request of the batch
 * fails with the same exception and is answered 503; none of their jobs exists. JobSubmitted is
 * published for the inserted jobs after the commit, as for one job.
 */
@Component
class SubmissionBatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubmissionBatcher.class);

    private record Pending(NewJob job, CompletableFuture<JobInserts.Result> result) {
    }

    /** Put on the queue by {@link #destroy()}: the writer finishes what it holds and stops. */
    private static final Pending STOP = new Pending(null, null);

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final JobInserts inserts;
    private final JobEventPublisher publisher;
    private final int maxBatchSize;
    private final Duration commitTimeout;
    private final Counter batches;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers;
    private volatile boolean stopped;

    SubmissionBatcher(JobInserts inserts, JobEventPublisher publisher, MeterRegistry meters,
            FrontendProperties properties) {
        this.inserts = inserts;
        this.publisher = publisher;
        this.maxBatchSize = properties.submission().maxBatchSize();
        this.commitTimeout = properties.submission().commitTimeout();
        this.batches = Counter.builder("conveyor.submissions.batches")
                .description("Insert statements that wrote a batch of single submissions")
                .register(meters);
        this.batchSizes = DistributionSummary.builder("conveyor.submissions.batch.size")
                .description("Jobs per batch of single submissions")
                .baseUnit("jobs")
                .register(meters);
        Gauge.builder("conveyor.submissions.waiting", queue, BlockingQueue::size)
                .description("Submissions waiting for the batch that will write them")
                .register(meters);
        int writerCount = properties.submission().writers();
        List<Thread> started = new ArrayList<>(writerCount);
        for (int i = 0; i < writerCount; i++) {
            started.add(Thread.ofVirtual().name("submission-writer-" + i).start(this::writeUntilStopped));
        }
        this.writers = List.copyOf(started);
    }

    /**
     * Stores the job with whatever else is waiting and returns once its batch committed: the stored
     * row, or a collision on its idempotency key. Throws what the write threw (a database failure is
     * answered 503), or a timeout after {@code commit-timeout}.
     */
    JobInserts.Result submit(NewJob job) {
        if (stopped) {
            throw stopping();
        }
        CompletableFuture<JobInserts.Result> result = new CompletableFuture<>();
        queue.add(new Pending(job, result));
        try {
            return result.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("The submission could not be written", e.getCause());
        } catch (TimeoutException e) {
            // the row may still commit later; the client retries with its Idempotency-Key to find out
            throw new QueryTimeoutException("No commit within " + commitTimeout + " for job " + job.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopping();
        }
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(maxBatchSize);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatchSize - 1);
            stopping = batch.remove(STOP);
            // another writer's stop marker taken along goes back for it
            while (batch.remove(STOP)) {
                queue.add(STOP);
            }
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
        // whatever arrived after the stop is answered 503 rather than left waiting for its timeout; the
        // other writers' stop markers go back on the queue, or those writers would wait for ever
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        for (Pending pending : left) {
            if (pending == STOP) {
                queue.add(STOP);
            } else {
                pending.result().completeExceptionally(stopping());
            }
        }
    }

    private void write(List<Pending> batch) {
        List<JobInserts.Result> results;
        try {
            results = insert(batch);
        } catch (DataIntegrityViolationException refused) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(refused);
                return;
            }
            // one job the database refuses must not fail the requests it happened to share a batch with
            log.warn("A batch of {} submissions was refused ({}); writing each on its own", batch.size(),
                    refused.getMostSpecificCause().getMessage());
            batch.forEach(pending -> write(List.of(pending)));
            return;
        } catch (RuntimeException failure) {
            batch.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        List<Job> inserted = new ArrayList<>(results.size());
        for (int i = 0; i < batch.size(); i++) {
            JobInserts.Result result = results.get(i);
            batch.get(i).result().complete(result);
            if (!result.collided()) {
                inserted.add(result.stored());
            }
        }
        try {
            publisher.submitted(inserted);
        } catch (RuntimeException e) {
            // the rows are committed and the sweeper dispatches them; the writer must keep running
            log.warn("Could not hand {} JobSubmitted messages to the publisher: {}", inserted.size(), e.toString());
        }
    }

    private List<JobInserts.Result> insert(List<Pending> batch) {
        batches.increment();
        batchSizes.record(batch.size());
        return inserts.insertAll(batch.stream().map(Pending::job).toList());
    }

    private static DataAccessResourceFailureException stopping() {
        return new DataAccessResourceFailureException("The service is shutting down; the job was not stored");
    }

    /**
     * Runs after the web server has finished its in-flight requests (graceful shutdown), so normally
     * nothing is waiting; each writer still completes the batch it holds before it stops.
     */
    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        writers.forEach(writer -> queue.add(STOP));
        for (Thread writer : writers) {
            if (!writer.join(commitTimeout)) {
                writer.interrupt();
            }
        }
    }
}
