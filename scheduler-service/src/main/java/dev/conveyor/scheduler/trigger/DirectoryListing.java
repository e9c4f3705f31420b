package dev.conveyor.scheduler.trigger;

import dev.conveyor.common.files.FilesDirectory;
import dev.conveyor.store.FileTrigger;
import dev.conveyor.store.ObservedFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one trigger's directory that match its glob: regular files only (a symbolic link is not followed,
 * so nothing outside the files directory is reported), not recursive. A directory that leads outside the files
 * directory, also through a link, is refused; one that does not exist (yet) has no files.
 */
final class DirectoryListing {

    private final FilesDirectory files;

    DirectoryListing(FilesDirectory files) {
        this.files = files;
    }

    List<ObservedFile> list(FileTrigger trigger) throws IOException {
        if (files.refusal(trigger.watchPath()).isPresent()) {
            throw new IOException("watch path '" + trigger.watchPath() + "' leads outside the files directory");
        }
        Path root = files.root();
        Path directory = root.resolve(trigger.watchPath()).normalize();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        if (!directory.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException("watch path '" + trigger.watchPath() + "' leads outside the files directory"
                    + " through a link");
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + trigger.glob());
        List<ObservedFile> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                if (!glob.matches(entry.getFileName())) {
                    continue;
                }
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException gone) {
                    continue; // removed while listing
                }
                if (attributes.isRegularFile()) {
                    String relative = root.relativize(entry).toString().replace(entry.getFileSystem().getSeparator(),
                            "/");
                    found.add(new ObservedFile(relative, attributes.size(), attributes.lastModifiedTime().toInstant()));
                }
            }
        }
        return found;
    }
}
