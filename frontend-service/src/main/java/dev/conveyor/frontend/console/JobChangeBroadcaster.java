package dev.conveyor.frontend.console;

import dev.conveyor.store.JobChangeFeed;
import dev.conveyor.store.JobChangeFeed.JobChange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fans the job history out to the open console streams. One reader takes every change after the last one it saw,
 * at {@code conveyor.frontend.console.event-poll-interval} and only while a stream is open, and sends each to the
 * streams of the job's tenant. History ids are taken before commit, so an id the reader passes over may belong to a
 * transaction still open: such gaps are asked for again on the following reads, for {@link #GAP_PATIENCE}, and
 * then given up (a rolled-back move leaves its id unused for good).
 */
@Component
class JobChangeBroadcaster implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobChangeBroadcaster.class);
    private static final int BATCH = 500;
    /** Proxies and load balancers close a connection idle for a minute or so; a comment keeps it open. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Longer than a move's transaction takes; a gap older than this was a rollback. */
    static final Duration GAP_PATIENCE = Duration.ofSeconds(10);
    private static final int MAX_GAPS = 10_000;

    private record Subscriber(String tenant, SseEmitter emitter) {
    }

    private final JobChangeFeed feed;
    private final ConsoleProperties properties;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private long lastId = -1;
    /** Ids passed over, with when they were first missed. */
    private final Map<Long, Instant> gaps = new LinkedHashMap<>();
    private Instant lastKeepAlive;
    private volatile ScheduledExecutorService reader;

    JobChangeBroadcaster(JobChangeFeed feed, ConsoleProperties properties, JsonMapper mapper, Clock clock) {
        this.feed = feed;
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.lastKeepAlive = clock.instant();
    }

    /** A new stream of {@code tenant}'s job changes; its first event, {@code ready}, says it is listening. */
    SseEmitter subscribe(String tenant) throws IOException {
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        subscribe(tenant, emitter);
        return emitter;
    }

    void subscribe(String tenant, SseEmitter emitter) throws IOException {
        Subscriber subscriber = new Subscriber(tenant, emitter);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
        synchronized (this) {
            if (lastId < 0) {
                lastId = feed.lastId();
            }
            subscribers.add(subscriber);
        }
        emitter.send(SseEmitter.event().name("ready").data("{}"));
    }

    /** Reads every change since the last read and sends it on; does nothing while no stream is open. */
    synchronized void poll() {
        if (subscribers.isEmpty()) {
            // the next stream starts from the newest change, not from a backlog nobody watched
            lastId = -1;
            gaps.clear();
            return;
        }
        Instant now = clock.instant();
        if (!gaps.isEmpty()) {
            for (JobChange late : feed.byIds(gaps.keySet())) {
                gaps.remove(late.id());
                deliver(late);
            }
            gaps.values().removeIf(missed -> missed.plus(GAP_PATIENCE).isBefore(now));
        }
        List<JobChange> changes;
        do {
            changes = feed.after(lastId, BATCH);
            for (JobChange change : changes) {
                for (long skipped = lastId + 1; skipped < change.id() && gaps.size() < MAX_GAPS; skipped++) {
                    gaps.put(skipped, now);
                }
                deliver(change);
                lastId = change.id();
            }
        } while (changes.size() == BATCH);
        if (Duration.between(lastKeepAlive, clock.instant()).compareTo(KEEP_ALIVE) >= 0) {
            lastKeepAlive = clock.instant();
            subscribers.forEach(subscriber -> send(subscriber, SseEmitter.event().comment("keep-alive")));
        }
    }

    private void deliver(JobChange change) {
        String data = mapper.writeValueAsString(JobChangeEvent.of(change));
        subscribers.stream().filter(subscriber -> subscriber.tenant().equals(change.tenant()))
                .forEach(subscriber -> send(subscriber, SseEmitter.event().name("job").data(data)));
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException gone) {
            // the browser went away; its request ends here
            subscribers.remove(subscriber);
            subscriber.emitter().completeWithError(gone);
        }
    }

    private void pollSafely() {
        try {
            poll();
        } catch (DataAccessException e) {
            log.warn("Reading job changes for the console failed: {}", e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            log.warn("Sending job changes to the console failed", e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("console-job-changes").daemon().factory());
        long interval = properties.eventPollInterval().toMillis();
        started.scheduleWithFixedDelay(this::pollSafely, interval, interval, TimeUnit.MILLISECONDS);
        reader = started;
    }

    /** Ends every stream first, so a graceful shutdown does not wait for browsers that never hang up. */
    @Override
    public void stop() {
        ScheduledExecutorService running = reader;
        reader = null;
        if (running != null) {
            running.shutdownNow();
        }
        subscribers.forEach(subscriber -> subscriber.emitter().complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }

    /** Stops before the web server's graceful shutdown (a lower phase), which would wait for the open streams. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
