package dev.conveyor.frontend.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    @Test
    void ignores_the_order_of_keys_at_every_level() {
        Map<String, Object> inner1 = new LinkedHashMap<>();
        inner1.put("a", 1);
        inner1.put("b", 2);
        Map<String, Object> inner2 = new LinkedHashMap<>();
        inner2.put("b", 2);
        inner2.put("a", 1);
        String first = RequestFingerprint.of("t", request(Map.of("x", inner1, "y", "z")));
        String second = RequestFingerprint.of("t", request(Map.of("y", "z", "x", inner2)));
        assertThat(first).isEqualTo(second).hasSize(64);
    }

    @Test
    void treats_the_default_max_attempts_as_given() {
        SubmitJobRequest implicit = new SubmitJobRequest("sql", Map.of(), null, null, null, null);
        SubmitJobRequest explicit = new SubmitJobRequest("sql", null, null, 3, null, Map.of());
        assertThat(RequestFingerprint.of("t", implicit)).isEqualTo(RequestFingerprint.of("t", explicit));
    }

    @Test
    void differs_when_the_content_differs() {
        assertThat(RequestFingerprint.of("t", request(Map.of("sql", "select 1"))))
                .isNotEqualTo(RequestFingerprint.of("t", request(Map.of("sql", "select 2"))));
        SubmitJobRequest slow = new SubmitJobRequest("sql", Map.of(), null, null, Duration.ofMinutes(1), null);
        assertThat(RequestFingerprint.of("t", slow)).isNotEqualTo(RequestFingerprint.of("t", request(Map.of())));
        assertThat(RequestFingerprint.of("a", request(Map.of()))).isNotEqualTo(RequestFingerprint.of("b", request(Map.of())));
    }

    private static SubmitJobRequest request(Map<String, Object> params) {
        return new SubmitJobRequest("sql", params, null, null, null, null);
    }
}
