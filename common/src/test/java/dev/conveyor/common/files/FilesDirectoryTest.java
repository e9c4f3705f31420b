package dev.conveyor.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilesDirectoryTest {

    private static final FilesDirectory FILES = new FilesDirectory(Path.of("/srv/conveyor/files"));

    @ParameterizedTest
    @ValueSource(strings = {"in.csv", "sub/dir/out.parquet", "./a.csv", "sub/../b.csv", "/srv/conveyor/files/x.csv"})
    void paths_that_stay_inside_are_allowed(String path) {
        assertThat(FILES.refusal(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.csv", "sub/../../x", "/etc/passwd", "/srv/conveyor/files/../other/x.csv",
            "/srv/conveyor/filesystem/x.csv", "..", " "})
    void paths_that_lead_out_or_say_nothing_are_refused(String path) {
        assertThat(FILES.refusal(path)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad\u0000name.csv"})
    void an_unusable_path_is_refused(String path) {
        assertThat(FILES.refusal(path)).hasValue("is not a valid path");
    }

    @org.junit.jupiter.api.Test
    void no_directory_configured_means_the_working_directory() {
        assertThat(FilesDirectory.of(" ").root()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(FilesDirectory.of(null).refusal("../x")).isPresent();
    }
}
