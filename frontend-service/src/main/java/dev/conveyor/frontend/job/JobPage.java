package dev.conveyor.frontend.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a job listing, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record JobPage(
        List<JobView> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {
}
