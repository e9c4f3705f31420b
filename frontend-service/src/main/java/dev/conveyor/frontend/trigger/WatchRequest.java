package dev.conveyor.frontend.trigger;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Where a trigger looks: a directory inside the files directory, and which file names in it count. */
record WatchRequest(
        @Schema(description = "A directory relative to the files directory (conveyor.warehouse.files-directory);"
                + " not searched recursively", example = "incoming/sales", requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required") @Size(max = 1000, message = "must be at most 1000 characters")
        String path,
        @Schema(description = "A glob on the file name; default *", example = "*.csv")
        @Size(max = 200, message = "must be at most 200 characters")
        String glob) {
}
