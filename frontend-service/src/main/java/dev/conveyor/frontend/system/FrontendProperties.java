package dev.conveyor.frontend.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and tunables of the public API.
 *
 * @param maxRequestSize largest request body accepted, counted on the bytes actually received
 * @param maxManifestRequestSize largest body of {@code POST /api/v1/manifests}: a manifest holds up to
 *     1,000 jobs, which do not fit in {@code maxRequestSize}
 * @param maxParamsSize largest serialized {@code params} object a job may carry
 * @param jobTypeCacheTtl how long a job type (and its compiled schema) is reused before it is read again
 * @param defaultPageSize list size when the client gives no {@code limit}
 * @param maxPageSize largest {@code limit} a client may ask for
 * @param retryAfter what a 503 tells clients to wait before retrying
 * @param submission how job submissions are written to the database
 */
@Validated
@ConfigurationProperties("conveyor.frontend")
public record FrontendProperties(
        @DefaultValue("128KB") @NotNull DataSize maxRequestSize,
        @DefaultValue("2MB") @NotNull DataSize maxManifestRequestSize,
        @DefaultValue("64KB") @NotNull DataSize maxParamsSize,
        @DefaultValue("5s") @NotNull Duration jobTypeCacheTtl,
        @DefaultValue("50") @Min(1) int defaultPageSize,
        @DefaultValue("500") @Min(1) @Max(10_000) int maxPageSize,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue @NotNull @Valid Submission submission) {

    /**
     * Group commit and bulk submission.
     *
     * @param maxBatchSize most jobs written by one insert statement: concurrent {@code POST /api/v1/jobs}
     *     requests that arrive while a batch is being written go together into the next one
     * @param writers batches written at the same time; each takes what is waiting when it is free
     * @param commitTimeout how long a request waits for its batch to commit before it is answered 503
     * @param maxBatchJobs most jobs one {@code POST /api/v1/jobs/batch} may carry (413 above)
     * @param maxBatchRequestSize largest body of {@code POST /api/v1/jobs/batch}
     */
    public record Submission(
            @DefaultValue("500") @Min(1) @Max(10_000) int maxBatchSize,
            @DefaultValue("4") @Min(1) @Max(64) int writers,
            @DefaultValue("30s") @NotNull Duration commitTimeout,
            @DefaultValue("1000") @Min(1) @Max(10_000) int maxBatchJobs,
            @DefaultValue("2MB") @NotNull DataSize maxBatchRequestSize) {
    }

    /** The page size for a list request's {@code limit}; 400 naming {@code limit} when out of range. */
    public int pageSize(Integer limit) {
        if (limit == null) {
            return defaultPageSize;
        }
        if (limit < 1 || limit > maxPageSize) {
            throw new InvalidRequestException("limit", "must be between 1 and " + maxPageSize);
        }
        return limit;
    }
}
