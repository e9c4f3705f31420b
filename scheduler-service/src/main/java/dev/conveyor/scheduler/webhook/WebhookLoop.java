package dev.conveyor.scheduler.webhook;

import dev.conveyor.scheduler.system.FixedDelayLoop;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link WebhookSender#deliverDue()} with a fixed delay, on a thread of its own. Off in tests. */
public class WebhookLoop extends FixedDelayLoop {

    private static final Logger log = LoggerFactory.getLogger(WebhookLoop.class);

    private final WebhookSender sender;

    public WebhookLoop(WebhookSender sender, Duration interval) {
        super("conveyor-webhooks", interval, interval);
        this.sender = sender;
    }

    @Override
    protected void tick() {
        try {
            // while rounds claim something, more may be due: go on at once
            int claimed;
            do {
                claimed = sender.deliverDue();
            } while (claimed > 0 && !Thread.currentThread().isInterrupted());
        } catch (RuntimeException e) {
            log.warn("Webhook delivery round failed; retrying in {}: {}", interval(), e.toString());
        }
    }
}
