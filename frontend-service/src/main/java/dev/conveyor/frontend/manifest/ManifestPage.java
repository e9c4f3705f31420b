package dev.conveyor.frontend.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a manifest listing, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record ManifestPage(
        List<ManifestSummary> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {
}
