package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminApiKeyTest {

    @TempDir
    Path temp;

    @Test
    void generates_a_key_on_the_first_start_and_reuses_it_later() throws Exception {
        Path data = temp.resolve("data");

        AdminApiKey first = AdminApiKey.resolve(null, data);
        AdminApiKey second = AdminApiKey.resolve("", data);

        assertThat(first.generated()).isTrue();
        assertThat(first.key()).startsWith("cvk_").hasSize(47);
        assertThat(first.file()).isEqualTo(data.resolve("admin-api-key"));
        assertThat(second.generated()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(Files.readString(first.file()).strip()).isEqualTo(first.key());
    }

    @Test
    void keeps_the_key_readable_by_its_owner_only() throws Exception {
        AdminApiKey key = AdminApiKey.resolve(null, temp);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()))).isEqualTo("rw-------");
    }

    @Test
    void uses_the_environment_key_when_given_and_writes_nothing() {
        AdminApiKey key = AdminApiKey.resolve("  from-the-environment-0123456789abcdef ", temp);

        assertThat(key.key()).isEqualTo("from-the-environment-0123456789abcdef");
        assertThat(key.file()).isNull();
        assertThat(temp.resolve("admin-api-key")).doesNotExist();
    }
}
