package dev.conveyor.common.manifest;

/**
 * One {@code ${jobs.<key>.result.<field>}} reference as written in a job's params.
 *
 * @param path the JSON path of the string value that holds it ({@code $.statements[1]})
 * @param text the reference as written, {@code ${...}} included
 * @param key the referenced job's key, or null when the reference is malformed
 * @param field the path of object fields in that job's result ({@code files.count}), or null when malformed
 */
public record ResultReference(String path, String text, String key, String field) {

    public boolean isMalformed() {
        return key == null;
    }
}
