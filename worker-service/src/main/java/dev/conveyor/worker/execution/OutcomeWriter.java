package dev.conveyor.worker.execution;

import dev.conveyor.store.Job;
import dev.conveyor.store.LeaseStore;
import dev.conveyor.store.OutcomeStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes how attempts ended in batches. Job threads hand in their outcome and wait until it is stored;
 * each writer thread takes whatever has piled up since its last write and stores each kind (succeeded,
 * failed, retry later) with one statement. Under load many outcomes share a round trip and a commit;
 * when idle an outcome is written at once, so nothing waits for a timer.
 *
 * <p>With more than one writer, one batch is written while the next is being gathered and sent: a batch
 * spends most of its time waiting for the database's commit, so two of them keep the database busier
 * than one. Outcome batches never share a row (each attempt hands in one outcome), so they may run
 * together; lease renewals and cancellations lock many of this worker's rows at once and run alone,
 * so two statements never lock the same rows in a different order.
 */
public class OutcomeWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    static final int MAX_BATCH = 1000;

    private record Pending(Object outcome, CompletableFuture<Boolean> stored) {
    }

    private final OutcomeStore outcomes;
    private final LeaseStore leases;
    private final String worker;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** Shared by outcome batches, exclusive for renewals and cancellations. */
    private final ReentrantReadWriteLock writing = new ReentrantReadWriteLock();
    private final List<Thread> writers;
    private volatile boolean closed;

    public OutcomeWriter(OutcomeStore outcomes, LeaseStore leases, String worker, int writerThreads) {
        if (writerThreads < 1) {
            throw new IllegalArgumentException("at least one writer thread");
        }
        this.outcomes = outcomes;
        this.leases = leases;
        this.worker = worker;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < writerThreads; i++) {
            started.add(Thread.ofPlatform().name("conveyor-outcomes-" + i).daemon().start(this::run));
        }
        this.writers = List.copyOf(started);
    }

    /** RUNNING to SUCCEEDED; false when the lease was lost. Blocks until the outcome is stored. */
    public boolean succeed(UUID id, int attempt, Map<String, Object> result) {
        return store(new OutcomeStore.Success(id, attempt, result));
    }

    /** RUNNING to FAILED for good; false when the lease was lost. Blocks until the outcome is stored. */
    public boolean fail(UUID id, int attempt, String error, Map<String, Object> partialResult) {
        return store(new OutcomeStore.Failure(id, attempt, error, partialResult));
    }

    /** RUNNING to SCHEDULED for another attempt; false when the lease was lost. Blocks until stored. */
    public boolean retryLater(UUID id, int attempt, String error, Instant notBefore) {
        return store(new OutcomeStore.Retry(id, attempt, error, notBefore));
    }

    /** Renews the lease of every given attempt (job id to attempt) in one statement; see {@link LeaseStore#renew}. */
    public Map<UUID, Boolean> renew(Map<UUID, Integer> attempts, Duration lease) {
        writing.writeLock().lock();
        try {
            return leases.renew(worker, attempts, lease);
        } finally {
            writing.writeLock().unlock();
        }
    }

    /** Records the given running attempts CANCELLED in one statement; returns the jobs it moved. */
    public List<Job> cancelRunning(List<OutcomeStore.Cancel> cancels) {
        writing.writeLock().lock();
        try {
            return outcomes.cancelRunning(worker, cancels);
        } finally {
            writing.writeLock().unlock();
        }
    }

    private boolean store(Object outcome) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (closed) {
            throw new IllegalStateException("the outcome writer is closed");
        }
        queue.add(new Pending(outcome, stored));
        // not interruptible: a job thread stopped by a cancellation still waits for its outcome
        return stored.join();
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("The outcome writer failed; it carries on", e);
            }
        }
    }

    /** Outcomes waiting for the writer thread. */
    int pending() {
        return queue.size();
    }

    /** Writes one batch: one statement per kind of outcome in it. */
    private void write(List<Pending> batch) {
        writeKind(batch, OutcomeStore.Success.class, OutcomeStore.Success::id, outcomes::succeed);
        writeKind(batch, OutcomeStore.Failure.class, OutcomeStore.Failure::id, outcomes::fail);
        writeKind(batch, OutcomeStore.Retry.class, OutcomeStore.Retry::id, outcomes::retryLater);
    }

    private <T> void writeKind(List<Pending> batch, Class<T> kind, Function<T, UUID> id,
            BiFunction<String, List<T>, Set<UUID>> statement) {
        Map<T, CompletableFuture<Boolean>> ofKind = new LinkedHashMap<>();
        for (Pending pending : batch) {
            if (kind.isInstance(pending.outcome())) {
                ofKind.put(kind.cast(pending.outcome()), pending.stored());
            }
        }
        if (ofKind.isEmpty()) {
            return;
        }
        Set<UUID> stored;
        writing.readLock().lock();
        try {
            stored = statement.apply(worker, List.copyOf(ofKind.keySet()));
        } catch (RuntimeException e) {
            ofKind.values().forEach(future -> future.completeExceptionally(e));
            return;
        } finally {
            writing.readLock().unlock();
        }
        ofKind.forEach((outcome, future) -> future.complete(stored.contains(id.apply(outcome))));
    }

    /** Stores what is still pending, then stops the writer threads. */
    @Override
    public void close() {
        closed = true;
        try {
            for (Thread writer : writers) {
                writer.join(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(pending -> pending.stored().completeExceptionally(
                new IllegalStateException("the outcome writer closed before storing this outcome")));
    }
}
