package dev.conveyor.frontend.trigger;

import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.FileTrigger;
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
@RequestMapping("/api/v1/triggers")
@Tag(name = "Triggers", description = "Start a job or a manifest for each new file in a directory")
class TriggerController {

    private final TriggerService triggers;
    private final TriggerRepository rows;
    private final TriggerFileRepository files;
    private final KeysetPaging paging;
    private final JsonMapper mapper;

    TriggerController(TriggerService triggers, TriggerRepository rows, TriggerFileRepository files,
            KeysetPaging paging, JsonMapper mapper) {
        this.triggers = triggers;
        this.rows = rows;
        this.files = files;
        this.paging = paging;
        this.mapper = mapper;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a trigger",
            description = "job or manifest is the body POST /api/v1/jobs or /manifests accepts, checked the same way"
                    + " now; its string params may use ${trigger.path}, ${trigger.name} and ${trigger.size}.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A missing or malformed field", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "The tenant already has a trigger of this name", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "A watch.path outside the files directory, a watch.glob that"
            + " does not parse, or a job or manifest the API would refuse (fields named job.* or manifest.*)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<TriggerView> create(@Valid @RequestBody CreateTriggerRequest request,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        FileTrigger created = triggers.create(RequestHeaders.tenant(tenant), request);
        return ResponseEntity.created(URI.create("/api/v1/triggers/" + created.id()))
                .body(view(RequestHeaders.tenant(tenant), created.id()));
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a trigger")
    TriggerView get(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return view(RequestHeaders.tenant(tenant), id);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List triggers, newest first", description = "Keyset pagination: pass nextCursor as cursor.")
    KeysetPage<TriggerView> list(
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        return paging.newestFirst(rows, "createdAt", TriggerRepository.ofTenant(RequestHeaders.tenant(tenant)),
                limit, cursor, trigger -> TriggerView.of(trigger, mapper));
    }

    @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Pause or resume a trigger",
            description = "A paused trigger starts nothing; resumed, it starts the files that arrived meanwhile.")
    TriggerView update(@PathVariable UUID id, @Valid @RequestBody UpdateTriggerRequest request,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        triggers.setPaused(RequestHeaders.tenant(tenant), id, request.paused());
        return view(RequestHeaders.tenant(tenant), id);
    }

    @DeleteMapping(path = "/{id}")
    @Operation(summary = "Delete a trigger and the record of its files",
            description = "Jobs and manifests it already started are not touched.")
    ResponseEntity<Void> delete(@PathVariable UUID id,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        triggers.delete(RequestHeaders.tenant(tenant), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/{id}/files", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The files the trigger saw, newest first: file to job or manifest id")
    KeysetPage<TriggerFileView> files(@PathVariable UUID id,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        if (!rows.existsByIdAndTenant(id, RequestHeaders.tenant(tenant))) {
            throw new TriggerNotFoundException(id);
        }
        return paging.newestFirst(files, "firstSeenAt", TriggerFileRepository.ofTrigger(id), limit, cursor,
                TriggerFileEntity::toView);
    }

    private TriggerView view(String tenant, UUID id) {
        return rows.findByIdAndTenant(id, tenant).map(trigger -> TriggerView.of(trigger, mapper))
                .orElseThrow(() -> new TriggerNotFoundException(id));
    }
}
