package dev.conveyor.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/** In-memory record of one db-scheduler run: nanoTime stamps per job index, and how often each ran. */
final class Stamps {
    final AtomicLongArray submitted;
    final AtomicLongArray started;
    final AtomicLongArray ended;
    final AtomicIntegerArray runs;
    final AtomicInteger done = new AtomicInteger();

    Stamps(int jobs) {
        submitted = new AtomicLongArray(jobs);
        started = new AtomicLongArray(jobs);
        ended = new AtomicLongArray(jobs);
        runs = new AtomicIntegerArray(jobs);
    }
}
