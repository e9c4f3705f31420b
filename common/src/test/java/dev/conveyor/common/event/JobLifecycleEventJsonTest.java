package dev.conveyor.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class JobLifecycleEventJsonTest {

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void events_carry_their_kind_and_read_back_as_the_same_record() {
        JobLifecycleEvent event = new JobSucceeded(1, UUID.randomUUID(), "default", "sql", 1, null, "w-1",
                Map.of("rows", 3), Instant.parse("2026-01-01T00:00:00Z"));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"event\":\"JobSucceeded\"").contains("\"schemaVersion\":1");
        assertThat(json.readValue(text, JobLifecycleEvent.class)).isEqualTo(event);
    }

    @Test
    void a_newer_producer_with_extra_fields_is_still_read() {
        String text = """
                {"event":"JobFailed","schemaVersion":2,"jobId":"6f1c1b2e-4b0e-4c55-9d7c-1d1c2b3a4f50",
                 "tenant":"default","type":"sql","attempt":2,"worker":"w","error":"boom","willRetry":false,
                 "at":"2026-01-01T00:00:00Z","somethingNew":true}
                """;

        JobLifecycleEvent event = json.readValue(text, JobLifecycleEvent.class);

        assertThat(event).isInstanceOf(JobFailed.class);
        assertThat(((JobFailed) event).error()).isEqualTo("boom");
    }
}
