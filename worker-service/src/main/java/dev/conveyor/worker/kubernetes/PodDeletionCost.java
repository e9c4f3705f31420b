package dev.conveyor.worker.kubernetes;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pod's deletion cost at the number of busy slots. {@link #busyChanged(int)} is called under the
 * slots' lock on every claim and every finished job, so it only records the wanted value and makes sure one
 * sender runs; the sender PATCHes the latest value, then looks again, so a burst of changes costs one or two
 * requests and at most one is in flight. A failed PATCH is not repeated: the next change sends the value
 * then current.
 */
public final class PodDeletionCost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PodDeletionCost.class);
    /** No value sent yet: the first change is always sent, even a 0 (a restarted container keeps its pod's annotations). */
    private static final int UNKNOWN = Integer.MIN_VALUE;

    private final OwnPod pod;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("pod-deletion-cost").factory());
    private final AtomicInteger wanted = new AtomicInteger(UNKNOWN);
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();
    /** Touched by the sender thread only. */
    private int sent = UNKNOWN;

    PodDeletionCost(OwnPod pod) {
        this.pod = pod;
    }

    /** Never blocks and never throws: the slots' lock is held. */
    public void busyChanged(int busy) {
        wanted.set(busy);
        if (sending.compareAndSet(false, true)) {
            try {
                sender.execute(this::sendLatest);
            } catch (RejectedExecutionException closed) {
                sending.set(false);
            }
        }
    }

    private void sendLatest() {
        do {
            int cost = wanted.get();
            if (cost != sent) {
                sent = cost;
                if (!send(cost)) {
                    sending.set(false);
                    return;
                }
            }
            sending.set(false);
            // a change that came while this one was sent found the flag set and left the sending to us
        } while (wanted.get() != sent && sending.compareAndSet(false, true));
    }

    /** False only when interrupted (the worker is stopping). */
    private boolean send(int cost) {
        try {
            pod.setDeletionCost(cost);
            log.debug("Pod deletion cost of {} set to {}", pod.uri(), cost);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (warned.compareAndSet(false, true)) {
                log.warn("Could not set the pod deletion cost on {} ({}); a scale-down may pick this pod while it is"
                        + " busy. Further failures are logged at DEBUG.", pod.uri(), e.toString());
            } else {
                log.debug("Could not set the pod deletion cost to {} on {}: {}", cost, pod.uri(), e.toString());
            }
            return true;
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
