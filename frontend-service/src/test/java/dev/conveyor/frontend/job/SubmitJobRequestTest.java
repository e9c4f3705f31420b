package dev.conveyor.frontend.job;

import static dev.conveyor.frontend.system.ValidatedBodies.problems;
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
        assertThat(problems(new SubmitJobRequest("sql", null, null, null, null, null))).isEmpty();
    }

    @Test
    void accepts_a_full_request() {
        SubmitJobRequest request = new SubmitJobRequest("sql", Map.of("sql", "select 1"),
                Instant.parse("2030-01-01T00:00:00Z"), 100, Duration.ofMinutes(5), Map.of("team", "data"));
        assertThat(problems(request)).isEmpty();
    }

    @Test
    void requires_a_type() {
        assertThat(problems(new SubmitJobRequest(" ", null, null, null, null, null)))
                .containsExactly(new FieldProblem("type", "is required"));
    }

    @Test
    void rejects_max_attempts_outside_1_to_100() {
        assertThat(problems(new SubmitJobRequest("sql", null, null, 0, null, null)))
                .containsExactly(new FieldProblem("maxAttempts", "must be between 1 and 100"));
        assertThat(problems(new SubmitJobRequest("sql", null, null, 101, null, null)))
                .extracting(FieldProblem::field).containsExactly("maxAttempts");
    }

    @Test
    void rejects_a_timeout_that_is_not_positive() {
        assertThat(problems(new SubmitJobRequest("sql", null, null, null, Duration.ZERO, null)))
                .containsExactly(new FieldProblem("timeout", "must be a positive duration"));
        assertThat(problems(new SubmitJobRequest("sql", null, null, null, Duration.ofSeconds(-1), null)))
                .extracting(FieldProblem::field).containsExactly("timeout");
    }

    @Test
    void rejects_null_label_values_and_blank_label_keys() {
        Map<String, String> labels = new HashMap<>();
        labels.put("team", null);
        assertThat(problems(new SubmitJobRequest("sql", null, null, null, null, labels)))
                .containsExactly(new FieldProblem("labels.team", "must be a string"));
        assertThat(problems(new SubmitJobRequest("sql", null, null, null, null, Map.of(" ", "x"))))
                .containsExactly(new FieldProblem("labels", "keys must not be blank"));
    }

    @Test
    void reports_every_problem_at_once() {
        assertThat(problems(new SubmitJobRequest(null, null, null, 0, Duration.ZERO, null)))
                .extracting(FieldProblem::field).containsExactly("type", "maxAttempts", "timeout");
    }
}
