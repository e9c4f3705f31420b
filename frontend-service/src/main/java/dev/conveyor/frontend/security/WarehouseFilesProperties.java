package dev.conveyor.frontend.security;

import dev.conveyor.common.files.FilesDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The workers' files directory, read by the API too (same key as the worker's {@code WarehouseProperties}), so a
 * path that leads outside it is refused when the job is submitted.
 *
 * @param filesDirectory {@code conveyor.warehouse.files-directory}; unset: the working directory
 */
@ConfigurationProperties("conveyor.warehouse")
public record WarehouseFilesProperties(String filesDirectory) {

    FilesDirectory files() {
        return FilesDirectory.of(filesDirectory);
    }
}
