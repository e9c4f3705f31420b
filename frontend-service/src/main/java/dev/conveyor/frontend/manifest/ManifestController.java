package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.frontend.system.Submission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.UUID;
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

@RestController
@RequestMapping("/api/v1/manifests")
@Tag(name = "Manifests", description = "Submit sets of jobs with dependencies and follow them")
class ManifestController {

    private final ManifestSubmissionService submissions;
    private final ManifestRepository manifests;
    private final ManifestViews views;
    private final ManifestCanceller canceller;
    private final KeysetPaging paging;

    ManifestController(ManifestSubmissionService submissions, ManifestRepository manifests, ManifestViews views,
            ManifestCanceller canceller, KeysetPaging paging) {
        this.submissions = submissions;
        this.manifests = manifests;
        this.views = views;
        this.canceller = canceller;
        this.paging = paging;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Submit a manifest",
            description = "Checks the whole manifest, then stores it with all its jobs in one transaction and answers"
                    + " 202. Jobs without dependencies start SUBMITTED, the others WAITING until their dependencies"
                    + " succeed. With an Idempotency-Key, repeating the same request answers 200 with the manifest it"
                    + " created; the same key with a different body is a 409. The body may be up to"
                    + " conveyor.frontend.max-manifest-request-size (2MB by default).")
    @ApiResponse(responseCode = "202", description = "Stored; the scheduler starts the jobs without dependencies")
    @ApiResponse(responseCode = "200", description = "Replay of an earlier request with the same Idempotency-Key")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or a missing or invalid field", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Idempotency-Key reused with a different body", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "Body or some job's params too large", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "Duplicate keys, unknown dependencies, a cycle (named), more than"
            + " 1,000 jobs, an unknown job type, params failing their schema or a reference to a job that is not"
            + " upstream; errors name jobs[<key>]", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "Database unavailable; see Retry-After", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ManifestView> submit(
            @RequestBody SubmitManifestRequest request,
            @Parameter(description = "Makes retries safe: kept with the manifest, scoped to the tenant")
            @RequestHeader(name = RequestHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Parameter(description = "Tenant the manifest and its jobs belong to")
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        Submission<ManifestView> submission = submissions.submit(RequestHeaders.tenant(tenant),
                RequestHeaders.idempotencyKey(idempotencyKey), request);
        return ResponseEntity.status(submission.status())
                .location(URI.create("/api/v1/manifests/" + submission.result().id()))
                .body(submission.result());
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a manifest with its jobs",
            description = "The state is derived from the jobs' states, which are the truth.")
    @ApiResponse(responseCode = "404", description = "No such manifest for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ManifestView get(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return views.find(RequestHeaders.tenant(tenant), id).orElseThrow(() -> new ManifestNotFoundException(id));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List manifests, newest first",
            description = "Keyset pagination: pass nextCursor as cursor. The state shown and filtered on is the one the"
                    + " scheduler last recorded on the manifest, which can lag the jobs by a moment; GET"
                    + " /api/v1/manifests/{id} derives it from the jobs.")
    KeysetPage<ManifestSummary> list(
            @Parameter(description = "Only manifests in this state: RUNNING, SUCCEEDED, FAILED or CANCELLED")
            @RequestParam(required = false) ManifestState state,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return paging.newestFirst(manifests, "createdAt", ManifestRepository.listed(RequestHeaders.tenant(tenant), state),
                limit, cursor, views::summary);
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a manifest",
            description = "Every job not yet finished is cancelled: those no worker holds become CANCELLED at once,"
                    + " RUNNING ones are asked to stop (cancelRequested) and their workers record CANCELLED.")
    @ApiResponse(responseCode = "202", description = "Cancelled, or cancelling while running jobs stop")
    @ApiResponse(responseCode = "404", description = "No such manifest for this tenant", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "Every job has already finished", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ManifestView> cancel(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        ManifestEntity manifest = manifests.findByIdAndTenant(id, RequestHeaders.tenant(tenant))
                .orElseThrow(() -> new ManifestNotFoundException(id));
        canceller.cancel(manifest.id());
        return ResponseEntity.accepted().body(views.view(manifest));
    }
}
