package dev.conveyor.worker.execution;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * The number of jobs this worker may still start. The intake reserves a slot before it claims a job
 * and the job gives it back when it ends; the listener hears when the last slot is taken and when
 * one frees up, which is when the intake pauses and resumes consuming. Busy observers hear every change
 * of the number of taken slots (e.g. to tell Kubernetes how costly this pod is to delete).
 */
public final class ExecutionSlots {

    /** Hears the edges between "no slot free" and "a slot free"; called while the slots are locked. */
    public interface Listener {
        void exhausted();

        void available();
    }

    private static final Listener NONE = new Listener() {
        @Override
        public void exhausted() {
        }

        @Override
        public void available() {
        }
    };

    private final int capacity;
    private int free;
    private Listener listener = NONE;
    private final List<IntConsumer> busyObservers = new CopyOnWriteArrayList<>();

    public ExecutionSlots(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.free = capacity;
    }

    public synchronized void listener(Listener newListener) {
        listener = newListener == null ? NONE : newListener;
    }

    /** Hears the number of busy slots after every change; called while the slots are locked, so it must not block. */
    public void onBusyChange(IntConsumer observer) {
        busyObservers.add(observer);
    }

    /** Takes a slot if one is free; never blocks. */
    public synchronized boolean tryAcquire() {
        if (free == 0) {
            return false;
        }
        free--;
        if (free == 0) {
            listener.exhausted();
        }
        busyChanged();
        return true;
    }

    public synchronized void release() {
        if (free == capacity) {
            throw new IllegalStateException("released more slots than were taken");
        }
        free++;
        if (free == 1) {
            listener.available();
        }
        busyChanged();
    }

    private void busyChanged() {
        int busy = capacity - free;
        busyObservers.forEach(observer -> observer.accept(busy));
    }

    public synchronized int free() {
        return free;
    }

    public int capacity() {
        return capacity;
    }
}
