package dev.conveyor.frontend.manifest;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References from a job's params to the results of other jobs of its manifest, written
 * {@code ${jobs.<key>.result.<field>}} inside string values. The scheduler substitutes them when it
 * dispatches the job; here they are only checked, so a manifest whose references could never resolve
 * is refused before anything is stored: a referenced job must be upstream of the referencing one (at
 * any depth), otherwise its result might not exist yet when the job starts.
 */
final class Placeholders {

    /** Anything that looks like a reference to a job, well-formed or not. */
    private static final Pattern CANDIDATE = Pattern.compile("\\$\\{jobs\\.([^}]*)}");
    /** The inside of a well-formed reference: a key, then {@code .result.} and a field path. */
    private static final Pattern REFERENCE = Pattern.compile("(.+?)\\.result\\.([^.\\s][^\\s]*)");

    /**
     * One reference as written in the params.
     *
     * @param path the JSON path of the string value that holds it ({@code $.statements[1]})
     * @param key the referenced job's key, or null when the reference is malformed
     */
    record Reference(String path, String text, String key, String field) {
        boolean isMalformed() {
            return key == null;
        }
    }

    private Placeholders() {
    }

    /** Every reference in the string values of {@code params}, in document order. */
    static List<Reference> find(Object params) {
        List<Reference> found = new ArrayList<>();
        walk("$", params, found);
        return found;
    }

    /**
     * What is wrong with the references of job {@code jobKey}: malformed ones, ones naming a job the
     * manifest does not have, and ones naming a job that is not upstream of it.
     *
     * @param dependsOn the direct dependencies of every job of the manifest (already validated: no cycles)
     */
    static List<FieldProblem> problems(String jobKey, Object params, Function<String, List<String>> dependsOn,
            Set<String> keys) {
        List<Reference> references = find(params);
        if (references.isEmpty()) {
            return List.of();
        }
        Set<String> upstream = upstreamOf(jobKey, dependsOn);
        List<FieldProblem> problems = new ArrayList<>();
        for (Reference reference : references) {
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

    private static void walk(String path, Object value, List<Reference> found) {
        switch (value) {
            case String text -> scan(path, text, found);
            case Map<?, ?> map -> map.forEach((name, child) -> walk(path + "." + name, child, found));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    walk(path + "[" + i + "]", list.get(i), found);
                }
            }
            case null, default -> {
                // numbers, booleans and nulls hold no references
            }
        }
    }

    private static void scan(String path, String text, List<Reference> found) {
        Matcher candidate = CANDIDATE.matcher(text);
        while (candidate.find()) {
            Matcher reference = REFERENCE.matcher(candidate.group(1));
            found.add(reference.matches()
                    ? new Reference(path, candidate.group(), reference.group(1), reference.group(2))
                    : new Reference(path, candidate.group(), null, null));
        }
    }
}
