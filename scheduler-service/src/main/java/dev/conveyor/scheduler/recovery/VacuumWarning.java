package dev.conveyor.scheduler.recovery;

import dev.conveyor.store.VacuumCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Says once, at start, when PostgreSQL will not clean up after the job tables (see {@link VacuumCheck}): nothing
 * fails, the statements only get slower week by week, so an operator would otherwise find out late.
 */
class VacuumWarning {

    private static final Logger log = LoggerFactory.getLogger(VacuumWarning.class);

    private final VacuumCheck check;

    VacuumWarning(VacuumCheck check) {
        this.check = check;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warnIfTablesAreNotVacuumed() {
        try {
            for (String problem : check.problems()) {
                log.warn("{}: dead row versions of finished jobs stay in conveyor.job and its indexes, and every "
                        + "statement that moves jobs slows down as they pile up; turn autovacuum on, or run "
                        + "VACUUM (ANALYZE) on conveyor.job and conveyor.job_event regularly", problem);
            }
        } catch (RuntimeException e) {
            // the database may be away at start; the service waits for it, and this check is not worth a failure
            log.debug("Could not check PostgreSQL's autovacuum settings", e);
        }
    }
}
