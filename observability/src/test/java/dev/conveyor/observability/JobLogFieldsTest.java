package dev.conveyor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JobLogFieldsTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void puts_the_job_fields_while_open_and_restores_the_mdc_as_it_was_when_closed() {
        MDC.put("request", "r-1");
        UUID job = UUID.randomUUID();

        try (JobLogFields fields = JobLogFields.of(job, null, "acme", "sql", 2, "4bf92f3577b34da6a3ce929d0e0e4736")) {
            assertThat(MDC.getCopyOfContextMap()).containsEntry("job_id", job.toString())
                    .containsEntry("tenant", "acme").containsEntry("type", "sql").containsEntry("attempt", "2")
                    .containsEntry("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").containsEntry("request", "r-1")
                    .doesNotContainKey("manifest_id");
        }

        assertThat(MDC.getCopyOfContextMap()).containsExactly(java.util.Map.entry("request", "r-1"));
    }

    @Test
    void leaves_nothing_of_one_job_to_the_next_handled_on_the_same_thread() {
        UUID manifest = UUID.randomUUID();
        try (JobLogFields first = JobLogFields.of(UUID.randomUUID(), manifest, "acme", "sql", 1, "a".repeat(32))) {
            assertThat(MDC.get("manifest_id")).isEqualTo(manifest.toString());
        }
        try (JobLogFields second = JobLogFields.of(UUID.randomUUID(), null, "beta", "noop", 1, null)) {
            assertThat(MDC.get("manifest_id")).isNull();
            assertThat(MDC.get("trace_id")).isNull();
            assertThat(MDC.get("tenant")).isEqualTo("beta");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
