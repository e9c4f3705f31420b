package dev.conveyor.scheduler.trigger;

import dev.conveyor.scheduler.system.FixedDelayLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link TriggerScanner#scanOnce()} with a fixed delay, on a thread of its own. Off in tests. */
public class TriggerLoop extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(TriggerLoop.class);

    private final TriggerScanner scanner;

    public TriggerLoop(TriggerScanner scanner, Duration interval) {
        super("conveyor-triggers", interval, interval);
        this.scanner = scanner;
    }

    @Override
    protected void tick() {
        try {
            scanner.scanOnce();
        } catch (RuntimeException e) {
            log.warn("Scanning triggers failed; retrying in {}: {}", interval(), e.toString());
        }
    }
}
