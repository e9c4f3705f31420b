package dev.conveyor.frontend.deadletter;

import dev.conveyor.frontend.job.JobEntity;
import dev.conveyor.frontend.job.JobRepository;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.KeysetPage;
import dev.conveyor.frontend.system.KeysetPaging;
import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "Jobs that failed for good")
class DeadLetterController {

    private final JobRepository jobs;
    private final KeysetPaging paging;
    private final JsonMapper mapper;

    DeadLetterController(JobRepository jobs, KeysetPaging paging, JsonMapper mapper) {
        this.jobs = jobs;
        this.paging = paging;
        this.mapper = mapper;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List failed jobs, newest failure first",
            description = "Every job of the tenant in state FAILED, read from the database (the truth); the"
                    + " conveyor.jobs.dead-letter topic carries the same failures as a feed for other systems."
                    + " Keyset pagination: pass nextCursor as cursor. A failed job can be started over with"
                    + " POST /api/v1/jobs/{id}/retry, which takes it off this list.")
    KeysetPage<DeadLetter> list(
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
        return paging.newestFirst(jobs, "finishedAt",
                JobRepository.failed(RequestHeaders.tenant(tenant), type, since, until), limit, cursor,
                this::deadLetter);
    }

    private DeadLetter deadLetter(JobEntity job) {
        return new DeadLetter(job.id(), job.type(), job.attempt(), job.error(), job.finishedAt(), job.manifestId(),
                job.params() == null ? null : mapper.readTree(job.params()));
    }
}
