package dev.conveyor.frontend.job;

import dev.conveyor.common.job.JobState;
import dev.conveyor.frontend.event.JobEventPublisher;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.frontend.system.Submission;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
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
    private final JobRepository jobs;
    private final JobEventRepository events;
    private final JobStore store;
    private final JobCanceller canceller;
    private final JobRetryService retries;
    private final JobEventPublisher publisher;
    private final KeysetPaging paging;
    private final JsonMapper mapper;

    JobController(JobSubmissionService submissions, JobBatchSubmissionService batches, JobRepository jobs,
            JobEventRepository events, JobStore store, JobCanceller canceller, JobRetryService retries,
            JobEventPublisher publisher, KeysetPaging paging, JsonMapper mapper) {
        this.submissions = submissions;
        this.batches = batches;
        this.jobs = jobs;
        this.events = events;
        this.store = store;
        this.canceller = canceller;
        this.retries = retries;
        this.publisher = publisher;
        this.paging = paging;
        this.mapper = mapper;
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
            @Valid @RequestBody SubmitJobRequest request,
            @Parameter(description = "Makes retries safe: kept with the job, scoped to the tenant")
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
            @Parameter(description = "Tenant the job belongs to")
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        Submission<JobView> submission = submissions.submit(RequestHeaders.tenant(tenant),
                RequestHeaders.idempotencyKey(idempotencyKey), request);
        return ResponseEntity.status(submission.status())
                .location(URI.create("/api/v1/jobs/" + submission.result().id()))
                .body(submission.result());
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
            @Valid @RequestBody SubmitJobBatchRequest request,
            @Parameter(description = "Not used here: give each job its own idempotencyKey", hidden = true)
            @RequestHeader(name = IDEMPOTENCY_HEADER, required = false) String idempotencyKey,
            @Parameter(description = "Tenant the jobs belong to")
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        if (idempotencyKey != null) {
            throw new InvalidRequestException(IDEMPOTENCY_HEADER, "is not used by a batch; give each job an"
                    + " idempotencyKey instead");
        }
        Submission<List<UUID>> submission = batches.submit(RequestHeaders.tenant(tenant), request);
        return ResponseEntity.status(submission.status()).body(new SubmittedJobIds(submission.result()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a job")
    @ApiResponse(responseCode = "404", description = "No such job for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    JobView get(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        return jobs.findByIdAndTenant(id, RequestHeaders.tenant(tenant)).map(job -> JobView.of(job, mapper))
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List jobs, newest first", description = "Keyset pagination: pass nextCursor as cursor.")
    KeysetPage<JobView> list(
            @Parameter(description = "Only jobs in this state") @RequestParam(required = false) JobState state,
            @Parameter(description = "Only jobs of this type") @RequestParam(required = false) String type,
            @Parameter(description = "Only jobs with this label, as name=value") @RequestParam(required = false)
            String label,
            @Parameter(description = "Only jobs created at or after this time") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @Parameter(description = "Only jobs created before this time") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidRequestException("until", "must be after since");
        }
        JobRepository.Filter filter = new JobRepository.Filter(state, type, JobRepository.Label.parse(label), since,
                until);
        return paging.newestFirst(jobs, "createdAt", JobRepository.listed(RequestHeaders.tenant(tenant), filter),
                limit, cursor, job -> JobView.of(job, mapper));
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The state history of a job, oldest first")
    List<JobEventView> events(@PathVariable UUID id,
            @RequestHeader(name = TENANT_HEADER, defaultValue = "default") String tenant) {
        if (!jobs.existsByIdAndTenant(id, RequestHeaders.tenant(tenant))) {
            throw new JobNotFoundException(id);
        }
        return events.findByJobIdOrderById(id).stream().map(JobEventEntity::toView).toList();
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
        JobEntity job = jobs.findByIdAndTenant(id, RequestHeaders.tenant(tenant))
                .orElseThrow(() -> new JobNotFoundException(id));
        return switch (canceller.cancel(id, job.state(), CANCEL_REASON)) {
            case JobCanceller.Cancelled cancelled -> {
                publisher.cancelled(cancelled.job(), CANCEL_REASON);
                yield ResponseEntity.ok(JobView.of(cancelled.job(), mapper));
            }
            case JobCanceller.CancelRequested requested ->
                    ResponseEntity.accepted().body(JobView.of(requested.job(), mapper));
            case JobCanceller.AlreadyFinished finished -> throw new JobStateConflictException(id,
                    "has already finished (" + finished.state() + ") and cannot be cancelled");
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
        // the retry service starts from the store's row, which it reads again under its locks
        Job job = store.find(id).filter(found -> found.tenant().equals(RequestHeaders.tenant(tenant)))
                .orElseThrow(() -> new JobNotFoundException(id));
        return ResponseEntity.accepted().body(JobView.of(retries.retry(job), mapper));
    }
}
