package dev.conveyor.common.manifest;

import static dev.conveyor.common.job.JobState.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestDecider.Node;
import dev.conveyor.common.manifest.ManifestDecider.Outcome;
import dev.conveyor.common.manifest.ManifestDecider.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
        return new Node(key, UUID.nameUUIDFromBytes(key.getBytes()), state, List.of(dependsOn));
    }

    private static List<String> keys(List<Node> nodes) {
        return nodes.stream().map(Node::key).toList();
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

        assertThat(keys(outcome.skip())).containsExactly("check", "export");
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

        assertThat(keys(outcome.skip())).containsExactly("transform", "check", "export");
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
}
