package dev.conveyor.common.manifest;

import dev.conveyor.common.job.JobState;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides what a manifest needs next from the states of its jobs: which waiting jobs are ready, which
 * can never run and why, and whether the manifest is finished; and, when a job is retried, which of its
 * skipped dependents go back to waiting with it. It looks only at states, never at the event that
 * prompted it, so a duplicate or late event leads to the same (already applied) outcome; the caller
 * applies the outcome with guarded updates, which makes applying it twice harmless.
 */
public final class ManifestDecider {

    private static final Set<JobState> BLOCKING = EnumSet.of(JobState.FAILED, JobState.CANCELLED, JobState.SKIPPED);

    /** One job of the manifest as the decider sees it. */
    public record Node(String key, UUID jobId, JobState state, List<String> dependsOn, int pendingDependencies) {
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

    /** A job that can never run, and why, in words for its history ({@code load failed}). */
    public record Skip(Node job, String cause) {
    }

    /**
     * @param dispatch WAITING jobs whose dependencies all succeeded
     * @param skip jobs not yet started that can never run because something upstream failed or was cancelled,
     *     each after the upstream job that blocks it
     * @param state the manifest's state once the outcome is applied
     * @param finishedNow true when this outcome ends the manifest (it was RUNNING and now is not)
     */
    public record Outcome(List<Node> dispatch, List<Skip> skip, ManifestState state, boolean finishedNow) {
        public boolean isEmpty() {
            return dispatch.isEmpty() && skip.isEmpty() && !finishedNow;
        }
    }

    /** A SKIPPED job that starts over, as {@code to}, because a job upstream of it was retried. */
    public record Rearm(Node job, JobState to) {
    }

    private ManifestDecider() {
    }

    public static Outcome decide(Snapshot snapshot) {
        Map<String, JobState> states = new LinkedHashMap<>();
        snapshot.jobs().forEach(node -> states.put(node.key(), node.state()));

        List<Skip> skip = new ArrayList<>();
        Map<String, String> causes = new HashMap<>();
        boolean changed = true;
        while (changed) { // a skip can block the next job down, so repeat until nothing changes
            changed = false;
            for (Node node : snapshot.jobs()) {
                if (states.get(node.key()) != JobState.WAITING) {
                    continue;
                }
                String blocker = node.dependsOn().stream().filter(up -> BLOCKING.contains(states.get(up)))
                        .findFirst().orElse(null);
                if (blocker != null) {
                    String cause = switch (states.get(blocker)) {
                        case FAILED -> blocker + " failed";
                        case CANCELLED -> blocker + " was cancelled";
                        // skipped in this round: the same cause as its own; skipped earlier: it was skipped
                        default -> causes.getOrDefault(blocker, blocker + " was skipped");
                    };
                    causes.put(node.key(), cause);
                    states.put(node.key(), JobState.SKIPPED);
                    skip.add(new Skip(node, cause));
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

    /**
     * The jobs to start over with {@code retriedKey}: every SKIPPED job downstream of it, at any depth, so
     * the manifest can still complete. Jobs downstream in other states are left as they are.
     */
    public static List<Rearm> rearm(List<Node> jobs, String retriedKey) {
        Map<String, Node> byKey = new LinkedHashMap<>();
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        jobs.forEach(node -> {
            byKey.put(node.key(), node);
            dependsOn.put(node.key(), node.dependsOn());
        });
        return ManifestGraph.of(dependsOn).transitiveDependents(retriedKey).stream()
                .map(byKey::get)
                .filter(node -> node.state() == JobState.SKIPPED)
                .map(node -> new Rearm(node, restartState(node.pendingDependencies())))
                .toList();
    }

    /**
     * Where a job that starts over (retried, or re-armed with a retried upstream) goes: WAITING while it has
     * unsatisfied dependencies. A skipped job still has its failed edge pending; should it have none, nothing
     * would wake it from WAITING, so it is submitted like a root instead.
     */
    public static JobState restartState(int pendingDependencies) {
        return pendingDependencies > 0 ? JobState.WAITING : JobState.SUBMITTED;
    }
}
