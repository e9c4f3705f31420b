package dev.conveyor.frontend.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.system.FieldProblem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubmitManifestRequestTest {

    @Test
    void names_every_field_problem_by_job_key_or_position() {
        SubmitManifestRequest request = new SubmitManifestRequest(" ", null, Arrays.asList(
                new SubmitManifestRequest.Job("a", null, null, null, 0, Duration.ZERO, null),
                new SubmitManifestRequest.Job(null, "load", null, Arrays.asList("a", null), null, null, null),
                null));

        assertThat(request.problems()).extracting(FieldProblem::field).containsExactly(
                "name", "jobs[a].type", "jobs[a].maxAttempts", "jobs[a].timeout", "jobs[1].key", "jobs[1].dependsOn",
                "jobs[2]");
    }

    @Test
    void asks_for_at_least_one_job() {
        assertThat(new SubmitManifestRequest("empty", null, List.of()).problems())
                .extracting(FieldProblem::field).containsExactly("jobs");
    }

    @Test
    void fingerprints_the_same_manifest_the_same_whatever_the_defaults_and_key_order() {
        SubmitManifestRequest implicit = new SubmitManifestRequest("m", Map.of(), List.of(
                new SubmitManifestRequest.Job("a", "load", null, null, null, null, null)));
        SubmitManifestRequest explicit = new SubmitManifestRequest("m", null, List.of(
                new SubmitManifestRequest.Job("a", "load", Map.of(), List.of(), 3, null, Map.of())));
        SubmitManifestRequest different = new SubmitManifestRequest("m", null, List.of(
                new SubmitManifestRequest.Job("a", "load", Map.of("x", 1), List.of(), 3, null, Map.of())));

        assertThat(ManifestSubmissionService.fingerprint("t", implicit))
                .isEqualTo(ManifestSubmissionService.fingerprint("t", explicit))
                .isNotEqualTo(ManifestSubmissionService.fingerprint("t", different))
                .isNotEqualTo(ManifestSubmissionService.fingerprint("u", implicit));
    }
}
