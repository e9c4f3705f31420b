package dev.conveyor.common.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dependency graph of a manifest: job keys and, for each, the keys it depends on. Building one
 * checks everything a manifest must satisfy before anything is stored.
 */
public final class ManifestGraph {

    public static final int MAX_JOBS = 1_000;

    private final Map<String, List<String>> dependsOn;
    private final Map<String, List<String>> dependents;

    private ManifestGraph(Map<String, List<String>> dependsOn) {
        this.dependsOn = dependsOn;
        this.dependents = new LinkedHashMap<>();
        dependsOn.keySet().forEach(key -> dependents.put(key, new ArrayList<>()));
        dependsOn.forEach((key, upstream) -> upstream.forEach(up -> dependents.get(up).add(key)));
    }

    /**
     * @param dependsOn each job key with the keys it depends on, in the manifest's order
     * @throws InvalidManifestException naming the offending keys (duplicates are caught by the caller,
     *     which sees the list before it becomes a map; see {@link #duplicateKeys(List)})
     */
    public static ManifestGraph of(Map<String, List<String>> dependsOn) {
        if (dependsOn.isEmpty()) {
            throw new InvalidManifestException("jobs", "a manifest needs at least one job");
        }
        if (dependsOn.size() > MAX_JOBS) {
            throw new InvalidManifestException("jobs", "a manifest holds at most " + MAX_JOBS + " jobs, not "
                    + dependsOn.size());
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        dependsOn.forEach((key, upstream) -> {
            List<String> clean = upstream == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(upstream));
            for (String up : clean) {
                if (!dependsOn.containsKey(up)) {
                    throw new InvalidManifestException("jobs[" + key + "].dependsOn",
                            "job '" + key + "' depends on '" + up + "', which is not a job of this manifest");
                }
                if (up.equals(key)) {
                    throw new InvalidManifestException("jobs[" + key + "].dependsOn",
                            "job '" + key + "' depends on itself");
                }
            }
            copy.put(key, clean);
        });
        ManifestGraph graph = new ManifestGraph(copy);
        List<String> cycle = graph.findCycle();
        if (!cycle.isEmpty()) {
            throw new InvalidManifestException("jobs", "the dependencies form a cycle: " + String.join(" -> ", cycle));
        }
        return graph;
    }

    /** Keys that appear more than once, in order of their second appearance. */
    public static List<String> duplicateKeys(List<String> keys) {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        for (String key : keys) {
            if (!seen.add(key) && !duplicates.contains(key)) {
                duplicates.add(key);
            }
        }
        return duplicates;
    }

    public Set<String> keys() {
        return dependsOn.keySet();
    }

    public List<String> dependsOn(String key) {
        return dependsOn.get(key);
    }

    public List<String> dependents(String key) {
        return dependents.get(key);
    }

    /** Every job downstream of {@code key}, at any depth. */
    public Set<String> transitiveDependents(String key) {
        Set<String> found = new java.util.LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(dependents.get(key));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (found.add(next)) {
                pending.addAll(dependents.get(next));
            }
        }
        return found;
    }

    /** A cycle as a closed path of keys ({@code a -> b -> a}), or empty when the graph is acyclic. */
    private List<String> findCycle() {
        Map<String, Integer> colour = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String start : dependsOn.keySet()) {
            if (colour.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> iterators = new ArrayDeque<>();
            path.push(start);
            iterators.push(dependsOn.get(start).iterator());
            colour.put(start, 1);
            while (!path.isEmpty()) {
                java.util.Iterator<String> next = iterators.peek();
                if (next.hasNext()) {
                    String up = next.next();
                    Integer state = colour.get(up);
                    if (state == null) {
                        colour.put(up, 1);
                        path.push(up);
                        iterators.push(dependsOn.get(up).iterator());
                    } else if (state == 1) {
                        List<String> onPath = new ArrayList<>(path);
                        java.util.Collections.reverse(onPath);
                        List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(up), onPath.size()));
                        cycle.add(up);
                        // the path follows "depends on"; read the cycle in the direction work flows
                        java.util.Collections.reverse(cycle);
                        return cycle;
                    }
                } else {
                    colour.put(path.pop(), 2);
                    iterators.pop();
                }
            }
        }
        return List.of();
    }
}
