package dev.conveyor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Submits {@code noop} jobs through the public REST API from C client threads, each with one
 * request in flight on its own keep-alive connection, and keeps the accepted ids. It measures its
 * own CPU, since it shares the machine with what it measures.
 */
final class ApiSubmitter {

    static final String NOOP = "{\"type\":\"noop\",\"params\":{}}";

    /** What one submission phase produced. */
    record Submission(List<String> ids, Instant firstSend, Instant lastAccepted, long rejected, String firstProblem,
            boolean bulkUnsupported, boolean timedOut, long clientCpuNanos, long wallNanos, long requests) {

        double acceptedPerSecond() {
            return wallNanos == 0 ? 0 : ids.size() / (wallNanos / 1e9);
        }

        /** The client threads' CPU time as a share of the whole machine's CPU over the phase. */
        double clientCpuShare() {
            return wallNanos == 0 ? 0
                    : (double) clientCpuNanos / ((double) wallNanos * Runtime.getRuntime().availableProcessors());
        }

        double clientCpuMicrosPerRequest() {
            return requests == 0 ? 0 : clientCpuNanos / 1e3 / requests;
        }
    }

    private final int port;
    private final String apiKey;
    private final int clients;
    private final long timeoutNanos;

    ApiSubmitter(int port, String apiKey, int clients, long timeoutSeconds) {
        this.port = port;
        this.apiKey = apiKey;
        this.clients = clients;
        this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
    }

    /** Closed loop: each client sends its next request as soon as the previous one is answered. */
    Submission oneByOne(String tenant, int jobs) throws InterruptedException {
        return oneByOne(tenant, jobs, clients);
    }

    /** The same with another number of clients. */
    Submission oneByOne(String tenant, int jobs, int clients) throws InterruptedException {
        return run(tenant, jobs, 1, 0, clients);
    }

    /** Closed loop through {@code POST /api/v1/jobs/batch}, {@code batchSize} jobs per request. */
    Submission inBatches(String tenant, int jobs, int batchSize) throws InterruptedException {
        return run(tenant, jobs, batchSize, 0, clients);
    }

    /**
     * Open loop: job k is due at start + k / rate whatever the answers, so a slow answer does not
     * slow the offered load (unless all C clients are busy, which the report shows as a lower
     * achieved rate).
     */
    Submission paced(String tenant, int jobs, double perSecond) throws InterruptedException {
        return run(tenant, jobs, 1, perSecond, clients);
    }

    private Submission run(String tenant, int jobs, int batchSize, double perSecond, int clients)
            throws InterruptedException {
        String bulkBody = batchSize > 1 ? bulkBody(batchSize) : null;
        ConcurrentLinkedQueue<List<String>> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong rejected = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        AtomicLong lastAccepted = new AtomicLong();
        AtomicBoolean unsupported = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        StringBuffer firstProblem = new StringBuffer();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        Instant firstSend = Instant.now();
        List<Thread> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                long cpuAtStart = threads.getCurrentThreadCpuTime();
                List<String> mine = new ArrayList<>();
                try (LeanHttpClient http = new LeanHttpClient("127.0.0.1", port, tenant, apiKey)) {
                    while (!stop.get()) {
                        int first = next.getAndAdd(batchSize);
                        if (first >= jobs) {
                            break;
                        }
                        if (System.nanoTime() - start > timeoutNanos) {
                            timedOut.set(true);
                            stop.set(true);
                            break;
                        }
                        if (perSecond > 0) {
                            long due = start + (long) (first * 1e9 / perSecond);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        int count = Math.min(batchSize, jobs - first);
                        try {
                            LeanHttpClient.Response response = batchSize > 1
                                    ? http.post("/api/v1/jobs/batch", count == batchSize ? bulkBody : bulkBody(count))
                                    : http.post("/api/v1/jobs", NOOP);
                            requests.incrementAndGet();
                            if (response.status() == 202 || response.status() == 201 || response.status() == 200) {
                                List<String> ids = batchSize > 1 ? idsOf(response.body()) : List.of(idOf(response.body()));
                                mine.addAll(ids);
                                lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                            } else if (batchSize > 1 && (response.status() == 404 || response.status() == 405)) {
                                unsupported.set(true);
                                stop.set(true);
                            } else {
                                rejected.addAndGet(count);
                                if (firstProblem.isEmpty()) {
                                    firstProblem.append(response.status()).append(' ').append(abbreviate(response.body()));
                                }
                            }
                        } catch (IOException | RuntimeException e) {
                            rejected.addAndGet(count);
                            if (firstProblem.isEmpty()) {
                                firstProblem.append(e);
                            }
                        }
                    }
                } finally {
                    accepted.add(mine);
                    cpu.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtStart);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long end = lastAccepted.get() == 0 ? System.nanoTime() : lastAccepted.get();
        List<String> ids = new ArrayList<>(jobs);
        accepted.forEach(ids::addAll);
        return new Submission(ids, firstSend, firstSend.plusNanos(end - start), rejected.get(),
                firstProblem.toString(), unsupported.get(), timedOut.get(), cpu.get(), end - start, requests.get());
    }

    private static String bulkBody(int count) {
        StringBuilder body = new StringBuilder(16 + count * (NOOP.length() + 1));
        body.append("{\"jobs\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(NOOP);
        }
        return body.append("]}").toString();
    }

    /** The job's id from a single submission's answer, {@code {"id":"...",...}}. */
    static String idOf(String body) {
        int at = body.indexOf("\"id\":\"");
        if (at < 0) {
            throw new IllegalStateException("No id in " + abbreviate(body));
        }
        int from = at + 6;
        return body.substring(from, body.indexOf('"', from));
    }

    /** The ids, in order, from a bulk answer, {@code {"ids":["...",...]}}. */
    static List<String> idsOf(String body) {
        int at = body.indexOf("\"ids\":[");
        if (at < 0) {
            throw new IllegalStateException("No ids in " + abbreviate(body));
        }
        int end = body.indexOf(']', at);
        List<String> ids = new ArrayList<>();
        int quote = body.indexOf('"', at + 7);
        while (quote >= 0 && quote < end) {
            int close = body.indexOf('"', quote + 1);
            ids.add(body.substring(quote + 1, close));
            quote = body.indexOf('"', close + 1);
        }
        return ids;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
