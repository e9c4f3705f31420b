package dev.conveyor.scheduler.trigger;

import dev.conveyor.common.files.FilesDirectory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The workers' files directory, read by the scheduler too (same key as the worker's): triggers watch directories
 * inside it, and a file's path is given to its job relative to it, as load sources and export paths are written.
 *
 * @param filesDirectory {@code conveyor.warehouse.files-directory}; unset: the working directory
 */
@ConfigurationProperties("conveyor.warehouse")
public record WatchedFilesProperties(String filesDirectory) {

    FilesDirectory files() {
        return FilesDirectory.of(filesDirectory);
    }
}
