package dev.conveyor.worker.load;

import dev.conveyor.worker.handler.NonRetryableJobException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The file a load reads: a local path (relative paths resolve against the warehouse's files directory)
 * or an http(s) URL downloaded to a temporary file in the files directory first, because DuckDB's httpfs extension is often
 * not installable where workers run. {@link #close()} deletes a download.
 */
final class Source implements AutoCloseable {

    private final Path file;
    private final boolean temporary;

    private Source(Path file, boolean temporary) {
        this.file = file;
        this.temporary = temporary;
    }

    static boolean isUrl(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The name part of a path or URL, without a query, for guessing the format from its extension. */
    static String fileName(String source) {
        String path = isUrl(source) ? URI.create(source).getPath() : source;
        if (path == null) {
            return "";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    static Source local(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new NonRetryableJobException("params.source: no file at " + file);
        }
        return new Source(file, false);
    }

    /** Downloads the URL under the rules of {@code downloads} into a temporary file in {@code directory}. */
    static Source download(Downloads downloads, String url, Path directory) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new NonRetryableJobException("params.source is not a valid URL");
        }
        downloads.check(uri);
        // inside the warehouse's files directory: a sandboxed DuckDB reads nothing outside it
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, ".conveyor-load-",
                "-" + fileName(url).replaceAll("[^A-Za-z0-9._-]", "_"));
        boolean kept = false;
        try {
            downloads.fetch(uri, file);
            kept = true;
            return new Source(file, true);
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            Files.deleteIfExists(file);
        }
    }
}
