package dev.conveyor.frontend.deadletter;

import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.PageCursor;
import dev.conveyor.frontend.system.RequestHeaders;
import dev.conveyor.store.DeadLetterReads;
import dev.conveyor.store.FailedJob;
import dev.conveyor.store.Keyset;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "Jobs that failed for good")
class DeadLetterController {

    private final DeadLetterReads reads;
    private final JsonMapper mapper;
    private final FrontendProperties properties;

    DeadLetterController(DeadLetterReads reads, JsonMapper mapper, FrontendProperties properties) {
        this.reads = reads;
        this.mapper = mapper;
        this.properties = properties;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List failed jobs, newest failure first",
            description = "Every job of the tenant in state FAILED, read from the database (the truth); the"
                    + " conveyor.jobs.dead-letter topic carries the same failures as a feed for other systems."
                    + " Keyset pagination: pass nextCursor as cursor. A failed job can be started over with"
                    + " POST /api/v1/jobs/{id}/retry, which takes it off this list.")
    DeadLetterPage list(
            @Parameter(description = "Only jobs of this type") @RequestParam(required = false) String type,
            @Parameter(description = "Failed at or after this instant (ISO-8601)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @Parameter(description = "Failed before this instant (ISO-8601)")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            @Parameter(description = "Page size, 1 to 500 (default 50)") @RequestParam(required = false) Integer limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw new InvalidRequestException("until", "must be after since");
        }
        int size = properties.pageSize(limit);
        // one extra row tells whether another page follows without a count query
        List<DeadLetter> rows = reads.list(RequestHeaders.tenant(tenant), type == null || type.isBlank() ? null : type,
                        since, until, keyset(PageCursor.decodeOptional(cursor)), size + 1)
                .stream().map(this::deadLetter).toList();
        boolean more = rows.size() > size;
        List<DeadLetter> page = more ? rows.subList(0, size) : rows;
        String next = more ? new PageCursor(page.getLast().failedAt(), page.getLast().jobId()).encode() : null;
        return new DeadLetterPage(page, next);
    }

    private DeadLetter deadLetter(FailedJob job) {
        return new DeadLetter(job.id(), job.type(), job.attempt(), job.error(), job.finishedAt(), job.manifestId(),
                job.params() == null ? null : mapper.readTree(job.params()));
    }

    private static Keyset keyset(PageCursor cursor) {
        return cursor == null ? null : new Keyset(cursor.at(), cursor.id());
    }
}
