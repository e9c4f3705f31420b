package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.ScheduleStore;
import dev.conveyor.store.StartedWork;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/schedules")
@Tag(name = "Schedules", description = "Start a job or a manifest on a cron schedule")
class ScheduleController {

    private final ScheduleService schedules;
    private final ScheduleRepository rows;
    private final ScheduleFiringRepository firings;
    private final KeysetPaging paging;
    private final JsonMapper mapper;

    ScheduleController(ScheduleService schedules, ScheduleRepository rows, ScheduleFiringRepository firings,
            KeysetPaging paging, JsonMapper mapper) {
        this.schedules = schedules;
        this.rows = rows;
        this.firings = firings;
        this.paging = paging;
        this.mapper = mapper;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a schedule",
            description = "job or manifest is the body POST /api/v1/jobs or /manifests accepts, checked the same way"
                    + " now, so a tick never fires something invalid.")
    @ApiResponse(responseCode = "201", description = "Created; see nextFireTimes")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The tenant already has a schedule of this name", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "A cron expression or zone that does not parse, or a job or"
            + " manifest the API would refuse (fields named job.* or manifest.*)", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ScheduleView> create(@Valid @RequestBody CreateScheduleRequest request,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        Schedule created = schedules.create(RequestHeaders.tenant(tenant), request);
        return ResponseEntity.created(URI.create("/api/v1/schedules/" + created.id()))
                .body(view(RequestHeaders.tenant(tenant), created.id()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a schedule with its next fire times")
    ScheduleView get(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return view(RequestHeaders.tenant(tenant), id);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List schedules, newest first", description = "Keyset pagination: pass nextCursor as cursor.")
    KeysetPage<ScheduleView> list(
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return paging.newestFirst(rows, "createdAt", ScheduleRepository.ofTenant(RequestHeaders.tenant(tenant)),
                limit, cursor, schedule -> ScheduleView.of(schedule, mapper));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pause, resume or change a schedule",
            description = "Only the fields given change. A new cron or timeZone, or a resume, fires next at the first"
                    + " tick after now; ticks passed while paused do not fire.")
    ScheduleView update(@PathVariable UUID id, @Valid @RequestBody UpdateScheduleRequest request,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        schedules.update(RequestHeaders.tenant(tenant), id, request);
        return view(RequestHeaders.tenant(tenant), id);
    }

    @DeleteMapping(path = "/{id}")
    @Operation(summary = "Delete a schedule and its firing history",
            description = "Jobs and manifests it already started are not touched.")
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        schedules.delete(RequestHeaders.tenant(tenant), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/trigger", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Run a schedule's work now",
            description = "Whatever its cron, pause or overlap; recorded as a manual firing. The next ticks stay.")
    ResponseEntity<FiringView> trigger(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        StartedWork fired = schedules.trigger(RequestHeaders.tenant(tenant), id);
        return ResponseEntity.accepted().body(new FiringView(null, true, "FIRED", fired.jobId(), fired.manifestId(),
                null, null));
    }

    @GetMapping(path = "/{id}/firings", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The schedule's firings, newest tick first: fire time to job or manifest id")
    KeysetPage<FiringView> firings(@PathVariable UUID id,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        if (!rows.existsByIdAndTenant(id, RequestHeaders.tenant(tenant))) {
            throw new ScheduleNotFoundException(id);
        }
        return paging.newestFirst(firings, "fireTime", ScheduleFiringRepository.ofSchedule(id), limit, cursor,
                ScheduleFiringEntity::toView);
    }

    private ScheduleView view(String tenant, UUID id) {
        return rows.findByIdAndTenant(id, tenant).map(schedule -> ScheduleView.of(schedule, mapper))
                .orElseThrow(() -> new ScheduleNotFoundException(id));
    }
}
