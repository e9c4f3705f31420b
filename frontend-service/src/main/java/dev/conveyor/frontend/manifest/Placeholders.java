package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ResultReference;
import dev.conveyor.common.manifest.ResultReferences;
import dev.conveyor.frontend.system.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the references from a job's params to the results of other jobs of its manifest
 * ({@code ${jobs.<key>.result.<field>}}, grammar in {@link ResultReferences}). The scheduler substitutes
 * them when it dispatches the job; here a manifest whose references could never resolve is refused
 * before anything is stored: a referenced job must be upstream of the referencing one (at any depth),
 * otherwise its result might not exist yet when the job starts.
 */
final class Placeholders {

    private Placeholders() {
    }

    /**
     * What is wrong with the references of job {@code jobKey}: malformed ones, ones naming a job the
     * manifest does not have, and ones naming a job that is not upstream of it.
     *
     * @param dependsOn the direct dependencies of every job of the manifest (already validated: no cycles)
     */
    static List<FieldProblem> problems(String jobKey, Object params, Function<String, List<String>> dependsOn,
            Set<String> keys) {
        List<ResultReference> references = ResultReferences.find(params);
        if (references.isEmpty()) {
            return List.of();
        }
        Set<String> upstream = upstreamOf(jobKey, dependsOn);
        List<FieldProblem> problems = new ArrayList<>();
        for (ResultReference reference : references) {
            String field = "jobs[" + jobKey + "].params" + reference.path().substring(1);
            if (reference.isMalformed()) {
                problems.add(new FieldProblem(field, "'" + reference.text()
                        + "' is not a reference of the form ${jobs.<key>.result.<field>}"));
            } else if (!keys.contains(reference.key())) {
                problems.add(new FieldProblem(field, "'" + reference.text() + "' refers to job '" + reference.key()
                        + "', which is not a job of this manifest"));
            } else if (!upstream.contains(reference.key())) {
                problems.add(new FieldProblem(field, "job '" + jobKey + "' refers to '" + reference.text()
                        + "' but does not depend on job '" + reference.key() + "' (directly or through others)"));
            }
        }
        return problems;
    }

    /** Every job {@code key} depends on, at any depth. */
    static Set<String> upstreamOf(String key, Function<String, List<String>> dependsOn) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(dependsOn.apply(key));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (found.add(next)) {
                pending.addAll(dependsOn.apply(next));
            }
        }
        return found;
    }
}
