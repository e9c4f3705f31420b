package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobStateListsTest {

    @Test
    void the_terminal_states_are_written_as_the_partial_index_on_finished_jobs_writes_them() throws IOException {
        // PostgreSQL uses a partial index only for a statement whose predicate implies the index's; retention relies on it
        String migration;
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V3__batched_pipeline.sql")) {
            migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(JobStateLists.TERMINAL).isEqualTo("'SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED'");
        assertThat(migration).contains("CREATE INDEX job_finished ON job (finished_at) WHERE state IN ("
                + JobStateLists.TERMINAL + ")");
    }
}
