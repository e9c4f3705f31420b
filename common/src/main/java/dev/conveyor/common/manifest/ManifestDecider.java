package dev.conveyor.common.manifest;

import dev.conveyor.common.job.JobState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what a manifest needs next from the states of its jobs: which waiting jobs are ready, which
 * can never run, and whether the manifest is finished. It looks only at states, never at the event
 * that prompted it, so a duplicate or late event leads to the same (already applied) outcome; the
 * caller applies the outcome with guarded updates, which makes applying it twice harmless.
 */
public final class ManifestDecider {

    private static final Set<JobState> BLOCKING = EnumSet.of(JobState.FAILED, JobState.CANCELLED, JobState.SKIPPED);

    /** One job of the manifest as the decider sees it. */
    public record Node(String key, UUID jobId, JobState state, List<String> dependsOn) {
        public Node {
            dependsOn = List.copyOf(dependsOn);
        }
    }

    /** The jobs of a manifest and the state the manifest was last recorded in. */
    public record Snapshot(UUID manifestId, ManifestState recorded, List<Node> jobs) {
        public Snapshot {
            jobs = List.copyOf(jobs);
        }
    }

    /**
     * @param dispatch WAITING jobs whose dependencies all succeeded
     * @param skip jobs not yet started that can never run because something upstream failed or was cancelled
     * @param state the manifest's state once the outcome is applied
     * @param finishedNow true when this outcome ends the manifest (it was RUNNING and now is not)
     */
    public record Outcome(List<Node> dispatch, List<Node> skip, ManifestState state, boolean finishedNow) {
        public boolean isEmpty() {
            return dispatch.isEmpty() && skip.isEmpty() && !finishedNow;
        }
    }

    private ManifestDecider() {
    }

    public static Outcome decide(Snapshot snapshot) {
        Map<String, Node> byKey = new LinkedHashMap<>();
        snapshot.jobs().forEach(node -> byKey.put(node.key(), node));
        Map<String, JobState> states = new LinkedHashMap<>();
        snapshot.jobs().forEach(node -> states.put(node.key(), node.state()));

        List<Node> skip = new ArrayList<>();
        boolean changed = true;
        while (changed) { // a skip can block the next job down, so repeat until nothing changes
            changed = false;
            for (Node node : snapshot.jobs()) {
                if (states.get(node.key()) == JobState.WAITING
                        && node.dependsOn().stream().anyMatch(up -> BLOCKING.contains(states.get(up)))) {
                    states.put(node.key(), JobState.SKIPPED);
                    skip.add(node);
                    changed = true;
                }
            }
        }

        List<Node> dispatch = new ArrayList<>();
        for (Node node : snapshot.jobs()) {
            if (states.get(node.key()) == JobState.WAITING
                    && node.dependsOn().stream().allMatch(up -> states.get(up) == JobState.SUCCEEDED)) {
                dispatch.add(node);
                states.put(node.key(), JobState.QUEUED);
            }
        }

        ManifestState state = ManifestState.of(states.values());
        boolean finishedNow = !snapshot.recorded().isFinished() && state.isFinished();
        return new Outcome(List.copyOf(dispatch), List.copyOf(skip), state, finishedNow);
    }
}
