package dev.conveyor.worker.handler;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops one running attempt: sets a flag handlers can poll, cancels the JDBC statements they
 * registered and interrupts the thread running the handler. The first reason wins.
 */
public final class Cancellation {

    private static final Logger log = LoggerFactory.getLogger(Cancellation.class);

    /** Why an attempt was stopped; the worker records a different outcome for each. */
    public enum Reason {
        /** A user asked to cancel the job: it ends CANCELLED. */
        REQUESTED,
        /** The attempt ran past the job's timeout: a failed attempt. */
        TIMED_OUT,
        /** Another worker may own the job now: this worker records nothing. */
        LEASE_LOST,
        /** The worker is shutting down and gave the job back to the queue: this worker records nothing. */
        HANDED_BACK
    }

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final AtomicReference<Reason> reason = new AtomicReference<>();
    private final Set<Stopper> stoppers = ConcurrentHashMap.newKeySet();
    private Thread runner;

    /** Returns false when the attempt was already cancelled (for this or another reason). */
    public boolean cancel(Reason why) {
        if (!reason.compareAndSet(null, why)) {
            return false;
        }
        cancelled.countDown();
        stoppers.forEach(Cancellation::stopQuietly);
        synchronized (this) {
            if (runner != null) {
                runner.interrupt();
            }
        }
        return true;
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** Null while the attempt was not cancelled. */
    public Reason reason() {
        return reason.get();
    }

    /** Waits up to {@code timeout} for a cancellation; true when cancelled. */
    public boolean await(Duration timeout) throws InterruptedException {
        return cancelled.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Cancels {@code statement} if the attempt is cancelled while the registration is open; a
     * statement registered after the cancellation is cancelled at once.
     */
    public Registration register(Statement statement) {
        return register(statement::cancel);
    }

    /**
     * Runs {@code stopper} if the attempt is cancelled while the registration is open, for work that
     * is not a {@link Statement} (a PostgreSQL COPY is stopped with {@code PGConnection.cancelQuery()});
     * registered after the cancellation, it runs at once.
     */
    public Registration register(Stopper stopper) {
        // a fresh wrapper per registration, so registering the same method reference twice is harmless
        Stopper registered = stopper::stop;
        stoppers.add(registered);
        if (isCancelled()) {
            stopQuietly(registered);
        }
        return () -> stoppers.remove(registered);
    }

    /** The thread to interrupt on cancellation, until {@link #unbind()}. */
    public synchronized void bind(Thread thread) {
        runner = thread;
    }

    /**
     * Stops interrupting the runner and clears an interrupt a cancellation left behind, so recording
     * the outcome afterwards is not disturbed by it.
     */
    public void unbind() {
        synchronized (this) {
            runner = null;
        }
        Thread.interrupted();
    }

    private static void stopQuietly(Stopper stopper) {
        try {
            stopper.stop();
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not cancel a statement", e);
        }
    }

    /** Stops one piece of running work, typically by cancelling its statement on the server. */
    @FunctionalInterface
    public interface Stopper {
        void stop() throws SQLException;
    }

    /** Ends a statement registration; does not throw. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
