package dev.conveyor.common.manifest;

import static dev.conveyor.common.job.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestDecider.Node;
import dev.conveyor.common.manifest.ManifestDecider.Outcome;
import dev.conveyor.common.manifest.ManifestDecider.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ManifestDeciderTest {

    /** load -> transform -> check -> export, plus an independent side branch. */
    private static Snapshot pipeline(JobState load, JobState transform, JobState check, JobState export, JobState side) {
        List<Node> jobs = new ArrayList<>();
        jobs.add(node("load", load));
        jobs.add(node("transform", transform, "load"));
        jobs.add(node("check", check, "transform"));
        jobs.add(node("export", export, "check"));
        jobs.add(node("side", side));
        return new Snapshot(UUID.randomUUID(), ManifestState.RUNNING, jobs);
    }

    private static Node node(String key, JobState state, String... dependsOn) {
        return node(key, state, 0, dependsOn);
    }

    private static Node node(String key, JobState state, int pendingDependencies, String... dependsOn) {
        return new Node(key, UUID.nameUUIDFromBytes(key.getBytes()), state, List.of(dependsOn), pendingDependencies);
    }

    private static List<String> keys(List<Node> nodes) {
        return nodes.stream().map(Node::key).toList();
    }

    private static List<String> skipped(Outcome outcome) {
        return outcome.skip().stream().map(skip -> skip.job().key()).toList();
    }

    @Test
    void dispatches_a_waiting_job_once_its_dependency_succeeded() {
        Outcome outcome = ManifestDecider.decide(pipeline(SUCCEEDED, WAITING, WAITING, WAITING, RUNNING));

        assertThat(keys(outcome.dispatch())).containsExactly("transform");
        assertThat(outcome.skip()).isEmpty();
        assertThat(outcome.state()).isEqualTo(ManifestState.RUNNING);
        assertThat(outcome.finishedNow()).isFalse();
    }

    @Test
    void waits_for_every_dependency() {
        Snapshot diamond = new Snapshot(UUID.randomUUID(), ManifestState.RUNNING, List.of(
                node("a", SUCCEEDED), node("b", RUNNING), node("join", WAITING, "a", "b")));

        assertThat(ManifestDecider.decide(diamond).dispatch()).isEmpty();
    }

    @Test
    void skips_every_transitive_dependent_of_a_failure_and_lets_independent_branches_run() {
        Outcome outcome = ManifestDecider.decide(pipeline(SUCCEEDED, FAILED, WAITING, WAITING, RUNNING));

        assertThat(skipped(outcome)).containsExactly("check", "export");
        assertThat(outcome.dispatch()).isEmpty();
        assertThat(outcome.state()).isEqualTo(ManifestState.RUNNING);
    }

    @Test
    void a_manifest_with_a_failure_ends_failed_when_everything_is_finished() {
        Outcome outcome = ManifestDecider.decide(pipeline(SUCCEEDED, FAILED, WAITING, WAITING, SUCCEEDED));

        assertThat(outcome.state()).isEqualTo(ManifestState.FAILED);
        assertThat(outcome.finishedNow()).isTrue();
    }

    @Test
    void a_cancelled_job_ends_the_manifest_cancelled() {
        Outcome outcome = ManifestDecider.decide(pipeline(CANCELLED, WAITING, WAITING, WAITING, SUCCEEDED));

        assertThat(skipped(outcome)).containsExactly("transform", "check", "export");
        assertThat(outcome.state()).isEqualTo(ManifestState.CANCELLED);
    }

    @Test
    void succeeds_when_every_job_succeeded() {
        Outcome outcome = ManifestDecider.decide(pipeline(SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED, SUCCEEDED));

        assertThat(outcome.state()).isEqualTo(ManifestState.SUCCEEDED);
        assertThat(outcome.finishedNow()).isTrue();
    }

    @Test
    void an_already_finished_manifest_is_not_finished_again() {
        Snapshot done = new Snapshot(UUID.randomUUID(), ManifestState.SUCCEEDED, List.of(node("a", SUCCEEDED)));

        Outcome outcome = ManifestDecider.decide(done);

        assertThat(outcome.finishedNow()).isFalse();
        assertThat(outcome.isEmpty()).isTrue();
    }

    @Test
    void a_job_already_dispatched_is_not_dispatched_again() {
        Outcome outcome = ManifestDecider.decide(pipeline(SUCCEEDED, QUEUED, WAITING, WAITING, RUNNING));

        assertThat(outcome.dispatch()).isEmpty();
        assertThat(outcome.isEmpty()).isTrue();
    }

    /** load, transform, check and export in a line, with the states of load and transform as given. */
    static Stream<Arguments> skipCauses() {
        return Stream.of(
                // upstream state of load, of transform -> the cause recorded on check and on export
                Arguments.of(FAILED, WAITING, "load failed", "load failed"),
                Arguments.of(CANCELLED, WAITING, "load was cancelled", "load was cancelled"),
                Arguments.of(SUCCEEDED, FAILED, "transform failed", "transform failed"),
                Arguments.of(SUCCEEDED, CANCELLED, "transform was cancelled", "transform was cancelled"),
                // skipped by an earlier decision: its own cause is not known any more
                Arguments.of(SUCCEEDED, SKIPPED, "transform was skipped", "transform was skipped"));
    }

    @ParameterizedTest(name = "load {0}, transform {1}: check skipped because {2}")
    @MethodSource("skipCauses")
    void a_skip_names_the_upstream_job_that_blocks_it(JobState load, JobState transform, String checkCause,
            String exportCause) {
        Outcome outcome = ManifestDecider.decide(pipeline(load, transform, WAITING, WAITING, RUNNING));

        Map<String, String> causes = new LinkedHashMap<>();
        outcome.skip().forEach(skip -> causes.put(skip.job().key(), skip.cause()));
        assertThat(causes).containsEntry("check", checkCause).containsEntry("export", exportCause);
    }

    @Test
    void a_skip_names_the_first_blocking_dependency_in_the_order_they_were_declared() {
        Snapshot join = new Snapshot(UUID.randomUUID(), ManifestState.RUNNING, List.of(
                node("a", SUCCEEDED), node("b", CANCELLED), node("c", FAILED), node("join", WAITING, "a", "c", "b")));

        assertThat(ManifestDecider.decide(join).skip()).singleElement()
                .extracting(ManifestDecider.Skip::cause).isEqualTo("c failed");
    }

    /** Retrying transform of load -> transform -> check -> export, with the states of check and export as given. */
    static Stream<Arguments> rearms() {
        return Stream.of(
                // check, its pending count, export, its pending count -> what starts over
                Arguments.of(SKIPPED, 1, SKIPPED, 1, List.of("check->WAITING", "export->WAITING")),
                // a skipped job without a pending edge would never be woken from WAITING: submitted like a root
                Arguments.of(SKIPPED, 0, SKIPPED, 1, List.of("check->SUBMITTED", "export->WAITING")),
                // only skipped jobs start over; others downstream are left as they are
                Arguments.of(WAITING, 1, SKIPPED, 1, List.of("export->WAITING")),
                Arguments.of(SUCCEEDED, 0, FAILED, 0, List.of()));
    }

    @ParameterizedTest(name = "check {0} ({1} pending), export {2} ({3} pending): {4}")
    @MethodSource("rearms")
    void a_retry_rearms_the_skipped_jobs_downstream(JobState check, int checkPending, JobState export,
            int exportPending, List<String> expected) {
        List<Node> manifest = List.of(
                node("load", SUCCEEDED), node("transform", FAILED, "load"),
                node("check", check, checkPending, "transform"), node("export", export, exportPending, "check"),
                node("side", SKIPPED, 1));

        List<String> rearmed = ManifestDecider.rearm(manifest, "transform").stream()
                .map(rearm -> rearm.job().key() + "->" + rearm.to())
                .toList();

        assertThat(rearmed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} pending -> {1}")
    @CsvSource({"0, SUBMITTED", "1, WAITING", "3, WAITING"})
    void a_job_starting_over_waits_only_while_it_has_pending_dependencies(int pending, JobState expected) {
        assertThat(ManifestDecider.restartState(pending)).isEqualTo(expected);
    }
}
