package dev.conveyor.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JobDeadLetteredJsonTest {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void carries_ids_and_error_but_no_params() {
        JobDeadLettered letter = new JobDeadLettered(JobDeadLettered.SCHEMA_VERSION, UUID.randomUUID(), "acme", "sql",
                3, "Parser Error", null, Instant.parse("2026-12-02T12:00:00Z"));

        String text = json.writeValueAsString(letter);

        assertThat(json.readTree(text).propertyNames()).containsExactlyInAnyOrder("schemaVersion", "jobId", "tenant",
                "type", "attempt", "error", "manifestId", "at");
        assertThat(json.readValue(text, JobDeadLettered.class)).isEqualTo(letter);
    }

    @Test
    void a_version_1_letter_with_params_is_still_read_and_its_params_dropped() {
        String version1 = """
                {"schemaVersion": 1, "jobId": "0190f1e2-0000-7000-8000-000000000001", "tenant": "acme", "type": "sql",
                 "attempt": 1, "params": {"password": "s3cret"}, "error": "boom", "at": "2026-12-02T12:00:00Z"}
                """;

        JobDeadLettered letter = json.readValue(version1, JobDeadLettered.class);

        assertThat(letter.error()).isEqualTo("boom");
        assertThat(letter.toString()).doesNotContain("s3cret");
    }
}
