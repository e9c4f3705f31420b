package dev.conveyor.common.files;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one directory the paths in a job's params ({@code load} sources, {@code export} targets) may lead into:
 * {@code conveyor.warehouse.files-directory}, or the working directory when it is not set. This is the check on the
 * path as written (absolute elsewhere, or out by {@code ..}), so the API can refuse it when the job is submitted; the
 * worker checks again at run time, following symbolic links as well.
 */
public record FilesDirectory(Path root) {

    public FilesDirectory {
        root = root.toAbsolutePath().normalize();
    }

    /** The directory as configured; blank or null for the working directory. */
    public static FilesDirectory of(String configured) {
        return new FilesDirectory(Path.of(configured == null || configured.isBlank() ? "" : configured));
    }

    /** Why {@code path} may not be used, or empty when it stays inside the directory. */
    public Optional<String> refusal(String path) {
        if (path.isBlank()) {
            return Optional.of("is blank");
        }
        Path candidate;
        try {
            candidate = root.resolve(path).normalize();
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path");
        }
        return candidate.startsWith(root) ? Optional.empty() : Optional.of("leads outside the files directory");
    }
}
