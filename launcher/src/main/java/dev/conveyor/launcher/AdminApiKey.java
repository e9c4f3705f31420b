package dev.conveyor.launcher;

import dev.conveyor.frontend.security.ApiKeySecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The launcher's admin API key: {@code CONVEYOR_ADMIN_API_KEY} when set, otherwise one generated on the first
 * start and kept in the data directory, readable by its owner only, so later starts use the same key.
 *
 * @param key the key
 * @param file where it is kept, or null when it came from the environment
 * @param generated true when this start created it
 */
record AdminApiKey(String key, Path file, boolean generated) {

    static final String FILE_NAME = "admin-api-key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static AdminApiKey resolve(String fromEnvironment, Path dataDirectory) {
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new AdminApiKey(fromEnvironment.strip(), null, false);
        }
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            if (Files.exists(file)) {
                return new AdminApiKey(Files.readString(file, StandardCharsets.UTF_8).strip(), file, false);
            }
            String key = ApiKeySecrets.generate();
            create(file);
            Files.writeString(file, key + System.lineSeparator(), StandardCharsets.UTF_8);
            return new AdminApiKey(key, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the admin API key in " + file, e);
        }
    }

    /** Created with its permissions, so there is no moment when others could read it. */
    private static void create(Path file) throws IOException {
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
            Files.createFile(file, ownerOnly);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
    }
}
