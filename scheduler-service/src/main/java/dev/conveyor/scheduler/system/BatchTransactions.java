package dev.conveyor.scheduler.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the sweeps run a batch: the whole batch in one transaction, which a failure rolls back as a whole for the
 * next sweep to try again, or, where one item may fail on its own, each item under a savepoint of that transaction.
 */
public final class BatchTransactions {

    private static final Logger log = LoggerFactory.getLogger(BatchTransactions.class);

    private final TransactionTemplate batch;
    private final TransactionTemplate savepoint;

    public BatchTransactions(PlatformTransactionManager transactionManager) {
        this.batch = new TransactionTemplate(transactionManager);
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Runs {@code work} in one transaction and returns what it did; empty when it failed and rolled back (most
     * likely Kafka is unreachable), which is logged, not thrown: the next sweep tries again.
     *
     * @param what names the batch in the log
     */
    public <T> List<T> inOne(String what, Supplier<List<T>> work) {
        try {
            return batch.execute(status -> work.get());
        } catch (RuntimeException e) {
            log.warn("Sweep of {} rolled back: {}", what, e.toString());
            return List.of();
        }
    }

    /**
     * Locks a batch of items and runs {@code step} on each under its own savepoint, all in one transaction: a
     * failed step undoes that item only. The batch stops at the first failure (the cause is likely to fail the next
     * item too) and commits what the steps before it did.
     */
    public <I, T> List<T> eachUnderSavepoint(String what, Supplier<List<I>> lock, Function<I, T> step) {
        return inOne(what, () -> {
            List<I> items = lock.get();
            List<T> done = new ArrayList<>(items.size());
            for (I item : items) {
                try {
                    done.add(savepoint.execute(nested -> step.apply(item)));
                } catch (RuntimeException e) {
                    log.warn("Sweep of {} stopped after {} of {}: {}", what, done.size(), items.size(), e.toString());
                    break;
                }
            }
            return done;
        });
    }
}
