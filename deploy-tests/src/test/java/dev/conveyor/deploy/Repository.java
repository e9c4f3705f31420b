package dev.conveyor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository these tests check: the chart, the compose file, the Dockerfile. */
final class Repository {

    static final Path ROOT = locate();

    private Repository() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory under this module's target/, so nothing outlives {@code mvn clean}. */
    static Path scratchDirectory(String prefix) {
        try {
            Path target = path("deploy-tests/target");
            Files.createDirectories(target);
            return Files.createTempDirectory(target, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path locate() {
        // Maven runs the tests in deploy-tests/, an IDE may run them from the root: walk up to the chart
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("helm/conveyor/Chart.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from inside the repository: no helm/conveyor/Chart.yaml above "
                + Path.of("").toAbsolutePath());
    }
}
