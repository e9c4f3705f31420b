package dev.conveyor.frontend.schedule;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.store.CronTicks;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.ScheduleStore;
import dev.conveyor.store.StartedWork;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, changes, deletes and triggers schedules. A template is checked by the same code as {@code POST
 * /api/v1/jobs} or {@code /manifests} (after Bean Validation of the request), so every tick's work is one the API
 * would have accepted when the schedule was created.
 */
@Service
class ScheduleService {

    static final String DEFAULT_ZONE = "UTC";

    private final WorkTemplateChecks templates;
    private final ScheduleStore store;
    private final TransactionTemplate transactions;
    private final JobEventPublisher publisher;
    private final Clock clock;

    ScheduleService(WorkTemplateChecks templates, ScheduleStore store,
            TransactionTemplate transactions, JobEventPublisher publisher, Clock clock) {
        this.templates = templates;
        this.store = store;
        this.transactions = transactions;
        this.publisher = publisher;
        this.clock = clock;
    }

    Schedule create(String tenant, CreateScheduleRequest request) {
        if ((request.job() == null) == (request.manifest() == null)) {
            throw new InvalidRequestException("job", "give exactly one of job and manifest");
        }
        if (request.job() != null && request.job().runAt() != null) {
            throw new InvalidRequestException("job.runAt", "is not used by a schedule: each tick starts the job");
        }
        Schedule.Overlap overlap = parse("overlap", request.overlap(), Schedule.Overlap.SKIP);
        Schedule.CatchUp catchUp = parse("catchUp", request.catchUp(), Schedule.CatchUp.ONE);
        String zone = request.timeZone() == null ? DEFAULT_ZONE : request.timeZone();
        CronTicks ticks = ticks(request.cron(), zone);
        Instant next = firstTickAfter(ticks, clock.instant());
        WorkTemplateChecks.CheckedTemplate checked = templates.check(request.job(), request.manifest());
        Schedule.Kind kind = checked.kind();
        Map<String, Object> template = checked.template();
        Schedule schedule = new Schedule(TimeOrderedIds.next(), tenant, request.name(), request.cron(), zone, kind,
                template, overlap, catchUp, Boolean.TRUE.equals(request.paused()),
                request.labels() == null ? Map.of() : request.labels(), next, null, null, 0);
        try {
            return store.insert(schedule);
        } catch (DuplicateKeyException taken) {
            throw ScheduleRejectedException.conflict("name", "this tenant already has a schedule named '"
                    + request.name() + "'");
        }
    }

    /** Applies the fields given; a new expression or zone, or a resume, starts from the next tick after now. */
    Schedule update(String tenant, UUID id, UpdateScheduleRequest request) {
        Schedule current = store.find(id).filter(found -> found.tenant().equals(tenant))
                .orElseThrow(() -> new ScheduleNotFoundException(id));
        String cron = request.cron() == null ? current.cron() : request.cron();
        String zone = request.timeZone() == null ? current.timeZone() : request.timeZone();
        boolean paused = request.paused() == null ? current.paused() : request.paused();
        Instant next = current.nextFireAt();
        boolean retimed = !cron.equals(current.cron()) || !zone.equals(current.timeZone());
        if (retimed || (current.paused() && !paused)) {
            next = firstTickAfter(ticks(cron, zone), clock.instant());
        }
        Schedule changed = new Schedule(id, tenant, current.name(), cron, zone, current.kind(), current.template(),
                parse("overlap", request.overlap(), current.overlap()),
                parse("catchUp", request.catchUp(), current.catchUp()), paused,
                request.labels() == null ? current.labels() : request.labels(), next, current.createdAt(),
                current.updatedAt(), current.version());
        return store.update(changed).orElseThrow(() -> ScheduleRejectedException.conflict("id",
                "the schedule changed or fired meanwhile; read it again and retry"));
    }

    void delete(String tenant, UUID id) {
        if (!store.delete(id, tenant)) {
            throw new ScheduleNotFoundException(id);
        }
    }

    /** Starts the schedule's work now, whatever its cron, pause or overlap; the next ticks are not changed. */
    StartedWork trigger(String tenant, UUID id) {
        StartedWork fired = transactions.execute(status -> {
            Schedule schedule = store.lock(id).filter(found -> found.tenant().equals(tenant))
                    .orElseThrow(() -> new ScheduleNotFoundException(id));
            return store.fire(schedule, clock.instant(), true);
        });
        publisher.submittedNew(Objects.requireNonNull(fired).submitted());
        return fired;
    }

    private static CronTicks ticks(String cron, String zone) {
        try {
            CronTicks.of("0 0 0 * * *", zone);
        } catch (IllegalArgumentException e) {
            throw ScheduleRejectedException.invalid("timeZone", e.getMessage());
        }
        try {
            return CronTicks.of(cron, zone);
        } catch (IllegalArgumentException e) {
            throw ScheduleRejectedException.invalid("cron", "is not a cron expression with six fields (seconds"
                    + " first): " + e.getMessage());
        }
    }

    private static Instant firstTickAfter(CronTicks ticks, Instant now) {
        Instant next = ticks.nextAfter(now);
        if (next == null) {
            throw ScheduleRejectedException.invalid("cron", "never fires");
        }
        return next;
    }

    private static <E extends Enum<E>> E parse(String field, String value, E otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(otherwise.getDeclaringClass(), value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(otherwise.getDeclaringClass().getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).toList();
            throw new InvalidRequestException(field, "must be one of " + String.join(", ", names));
        }
    }
}
