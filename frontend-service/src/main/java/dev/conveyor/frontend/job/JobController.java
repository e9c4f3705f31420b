package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.PageCursor;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Submit jobs and follow their state")
class JobController {

    static final String TENANT_HEADER = RequestHeaders.TENANT;
    static final String IDEMPOTENCY_HEADER = RequestHeaders.IDEMPOTENCY_KEY;
    static final String CANCEL_REASON = "cancelled through the API";

    private final JobSubmissionService submissions;
    private final JobBatchSubmissionService batches;
    private final JobQueries queries;
    private final JobStore jobs;
    private final JobCanceller canceller;
    private final JobRetryService retries;
    private final JobEventPublisher publisher;
    private final JsonMapper mapper;
    private final FrontendProperties properties;

    JobController(JobSubmissionService submissions, JobBatchSubmissionService batches, JobQueries queries, JobStore jobs, JobCanceller canceller,
            JobRetryService retries, JobEventPublisher publisher, JsonMapper mapper, FrontendProperties properties) {
        this.submissions = submissions;
        this.batches = batches;
        this.queries = queries;
        this.jobs = jobs;
        this.canceller = canceller;
        this.retries = retries;
        this.publisher = publisher;
        this.mapper = mapper;
        this.properties = properties;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a job",
            description = "Answers 202 once the job is stored. With an Idempotency-Key, repeating the same request"
                    + " answers 200 with the job it created; the same key with a different body is a 409.")
    @ApiResponse(responseCode = "202", description = "Stored; the scheduler will pick it up")
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same Idempotency-Key")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid field", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with a different body", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body or params too large", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Unknown job type or params failing its schema", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Database unavailable; see Retry-After", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<JobView> submit(
            @RequestBody SubmitJobRequest request,
            @Parameter(description = "Makes retries safe: kept with the job, scoped to the tenant")
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
            @Parameter(description = "Tenant the job belongs to")
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        JobSubmissionService.Submission submission = submissions.submit(RequestHeaders.tenant(tenant),
                RequestHeaders.idempotencyKey(idempotencyKey), request);
        JobView view = JobView.of(submission.job(), mapper);
        return ResponseEntity.status(submission.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/api/v1/jobs/" + view.id()))
                .body(view);
    }

    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit many jobs at once",
            description = "Up to conveyor.frontend.submission.max-batch-jobs (1,000 by default) jobs, each the body of"
                    + " POST /api/v1/jobs plus an optional idempotencyKey. All or nothing: every job is checked first"
                    + " and every problem is named by index (jobs[3].type, jobs[7].params.table); then all are stored"
                    + " in one transaction. Answers the ids in request order; a job whose idempotencyKey replays an"
                    + " earlier submission with the same content gives that job's id. The body may be up to"
                    + " conveyor.frontend.submission.max-batch-request-size (2MB by default).")
    @ApiResponse(responseCode = "202", description = "Stored; the scheduler will pick the jobs up")
    @ApiResponse(responseCode = "200", description = "Every job replayed an earlier one; nothing new was stored")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or invalid fields, named by index", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "An idempotencyKey already used for a different job, named by"
            + " index", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body too large, too many jobs, or some job's params too large",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Unknown job types or params failing their schema, named by index",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Database unavailable; see Retry-After", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<SubmittedJobIds> submitBatch(
            @RequestBody SubmitJobBatchRequest request,
            @Parameter(description = "Not used here: give each job its own idempotencyKey", hidden = true)
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
            @Parameter(description = "Tenant the jobs belong to")
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        if (idempotencyKey != null) {
            throw new InvalidRequestException(IDEMPOTENCY_HEADER, "is not used by a batch; give each job an"
                    + " idempotencyKey instead");
        }
        JobBatchSubmissionService.Submission submission = batches.submit(RequestHeaders.tenant(tenant), request);
        return ResponseEntity.status(submission.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(new SubmittedJobIds(submission.ids()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a job")
    @ApiResponse(responseCode = "404", description = "No such job for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    JobView get(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        return queries.find(RequestHeaders.tenant(tenant), id).map(job -> JobView.of(job, mapper))
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List jobs, newest first", description = "Keyset pagination: pass nextCursor as cursor.")
    JobPage list(
            @Parameter(description = "Only jobs in this state") @RequestParam(required = false) String state,
            @Parameter(description = "Only jobs of this type") @RequestParam(required = false) String type,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        JobState stateFilter = parseState(state);
        int size = properties.pageSize(limit);
        PageCursor after = PageCursor.decodeOptional(cursor);
        // one extra row tells whether another page follows without a count query
        List<JobEntity> rows = queries.list(RequestHeaders.tenant(tenant), stateFilter == null ? null : stateFilter.name(),
                type == null || type.isBlank() ? null : type, after, size + 1);
        boolean more = rows.size() > size;
        List<JobEntity> page = more ? rows.subList(0, size) : rows;
        String next = null;
        if (more) {
            JobEntity last = page.getLast();
            next = new PageCursor(last.createdAt(), last.id()).encode();
        }
        return new JobPage(page.stream().map(job -> JobView.of(job, mapper)).toList(), next);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The state history of a job, oldest first")
    List<JobEventView> events(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        queries.find(RequestHeaders.tenant(tenant), id).orElseThrow(() -> new JobNotFoundException(id));
        return queries.events(id).stream().map(JobEventEntity::toView).toList();
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a job",
            description = "A job no worker holds yet (SUBMITTED, WAITING, SCHEDULED, QUEUED) is CANCELLED at once: 200."
                    + " A RUNNING job is asked to stop: 202 with cancelRequested true; its worker stops it and"
                    + " records CANCELLED. A finished job cannot be cancelled: 409.")
    @ApiResponse(responseCode = "200", description = "Cancelled")
    @ApiResponse(responseCode = "202", description = "Running; its worker was asked to stop it")
    @ApiResponse(responseCode = "404", description = "No such job for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The job has already finished", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<JobView> cancel(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        Job job = owned(RequestHeaders.tenant(tenant), id);
        JobCanceller.Result result = canceller.cancel(job, CANCEL_REASON);
        return switch (result.outcome()) {
            case CANCELLED -> {
                publisher.cancelled(result.job(), CANCEL_REASON);
                yield ResponseEntity.ok(JobView.of(result.job(), mapper));
            }
            case CANCEL_REQUESTED -> ResponseEntity.accepted().body(JobView.of(result.job(), mapper));
            case ALREADY_FINISHED -> throw new JobStateConflictException(id, "has already finished ("
                    + result.job().state() + ") and cannot be cancelled");
        };
    }

    @PostMapping(path = "/{id}/retry", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Retry a failed, cancelled or skipped job",
            description = "Starts the job over as a new attempt (it is given at least one more attempt than it has"
                    + " used): SUBMITTED, or WAITING when it belongs to a manifest and still waits for a dependency."
                    + " In a manifest, the SKIPPED jobs downstream of it wait again and the manifest is RUNNING again.")
    @ApiResponse(responseCode = "202", description = "The job starts over")
    @ApiResponse(responseCode = "404", description = "No such job for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The job is not FAILED, CANCELLED or SKIPPED", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<JobView> retry(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        Job job = owned(RequestHeaders.tenant(tenant), id);
        return ResponseEntity.accepted().body(JobView.of(retries.retry(job), mapper));
    }

    /** The job, when it belongs to the tenant; another tenant's job is reported as missing. */
    private Job owned(String tenant, UUID id) {
        return jobs.find(id).filter(job -> job.tenant().equals(tenant)).orElseThrow(() -> new JobNotFoundException(id));
    }

    static JobState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return JobState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("state", "must be one of " + List.of(JobState.values()));
        }
    }
}
