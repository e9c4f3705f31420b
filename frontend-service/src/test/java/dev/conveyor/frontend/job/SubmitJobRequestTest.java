package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.system.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitJobRequestTest {

    @Test
    void accepts_a_minimal_request() {
        assertThat(new SubmitJobRequest("sql", null, null, null, null, null).problems()).isEmpty();
    }

    @Test
    void accepts_a_full_request() {
        SubmitJobRequest request = new SubmitJobRequest("sql", Map.of("sql", "select 1"),
                Instant.parse("2030-01-01T00:00:00Z"), 100, Duration.ofMinutes(5), Map.of("team", "data"));
        assertThat(request.problems()).isEmpty();
    }

    @Test
    void requires_a_type() {
        assertThat(new SubmitJobRequest(" ", null, null, null, null, null).problems())
                .containsExactly(new FieldProblem("type", "is required"));
    }

    @Test
    void rejects_max_attempts_outside_1_to_100() {
        assertThat(new SubmitJobRequest("sql", null, null, 0, null, null).problems())
                .extracting(FieldProblem::field).containsExactly("maxAttempts");
        assertThat(new SubmitJobRequest("sql", null, null, 101, null, null).problems())
                .extracting(FieldProblem::field).containsExactly("maxAttempts");
    }

    @Test
    void rejects_a_timeout_that_is_not_positive() {
        assertThat(new SubmitJobRequest("sql", null, null, null, Duration.ZERO, null).problems())
                .extracting(FieldProblem::field).containsExactly("timeout");
        assertThat(new SubmitJobRequest("sql", null, null, null, Duration.ofSeconds(-1), null).problems())
                .extracting(FieldProblem::field).containsExactly("timeout");
    }

    @Test
    void rejects_null_label_values() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", null);
        assertThat(new SubmitJobRequest("sql", null, null, null, null, labels).problems())
                .extracting(FieldProblem::field).containsExactly("labels.team");
    }

    @Test
    void reports_every_problem_at_once() {
        assertThat(new SubmitJobRequest(null, null, null, 0, Duration.ZERO, null).problems())
                .extracting(FieldProblem::field).containsExactly("type", "maxAttempts", "timeout");
    }
}
