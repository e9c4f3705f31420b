package dev.conveyor.frontend.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a listing, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record KeysetPage<T>(
        List<T> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {
}
