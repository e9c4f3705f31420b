package dev.conveyor.frontend.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of dead letters, newest failure first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeadLetterPage(
        List<DeadLetter> items,
        @Schema(description = "Pass as cursor to get the next page; null on the last page") String nextCursor) {
}
