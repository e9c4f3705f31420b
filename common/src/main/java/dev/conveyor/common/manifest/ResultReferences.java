package dev.conveyor.common.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammar of references from a job's params to the results of other jobs of its manifest,
 * {@code ${jobs.<key>.result.<field>}}, in one place: the API {@linkplain #find finds} them to check a
 * manifest before storing it, the scheduler {@linkplain #resolve resolves} them when it releases a job.
 * No I/O: the caller passes the results by job key.
 *
 * <ul>
 *   <li>References are found in string values anywhere in the params (nested maps and lists); keys of
 *       maps are left alone.</li>
 *   <li>{@code <field>} is a path of object fields separated by dots ({@code files.count}); list indexes
 *       are not supported.</li>
 *   <li>A string that is exactly one reference takes the referenced value with its JSON type (a number
 *       stays a number, an object stays an object). A reference inside a longer string is replaced by
 *       the value's text: strings as they are, anything else as compact JSON.</li>
 *   <li>Anything that cannot be resolved throws {@link UnresolvableReferenceException}; nothing is
 *       left half-substituted.</li>
 * </ul>
 */
public final class ResultReferences {

    /** Anything that looks like a reference to a job, well-formed or not. */
    private static final Pattern CANDIDATE = Pattern.compile("\\$\\{jobs\\.([^}]*)}");
    /** The inside of a well-formed reference: a key, then {@code .result.} and a field path. */
    private static final Pattern REFERENCE = Pattern.compile("(.+?)\\.result\\.([^.\\s][^\\s]*)");

    private final Function<Object, String> compactJson;

    /** @param compactJson writes a map or list as compact JSON, for references inside longer strings */
    public ResultReferences(Function<Object, String> compactJson) {
        this.compactJson = compactJson;
    }

    /** Every reference in the string values of {@code params}, in document order, malformed ones included. */
    public static List<ResultReference> find(Object params) {
        List<ResultReference> found = new ArrayList<>();
        collect("$", params, found);
        return found;
    }

    /** Whether any string value in {@code value} looks like a reference. */
    public static boolean containsReference(Object value) {
        return switch (value) {
            case String text -> CANDIDATE.matcher(text).find();
            case Map<?, ?> map -> map.values().stream().anyMatch(ResultReferences::containsReference);
            case List<?> list -> list.stream().anyMatch(ResultReferences::containsReference);
            case null, default -> false;
        };
    }

    /**
     * @param params a job's params as stored
     * @param resultOf the result of the manifest's job with a given key; returns null when that job has no
     *     result (it has not succeeded)
     * @param hasJob whether the manifest has a job with a given key
     * @return a copy of {@code params} with every reference substituted, or {@code params} itself when it
     *     holds no reference
     * @throws UnresolvableReferenceException naming the first reference that cannot be resolved
     */
    public Map<String, Object> resolve(Map<String, Object> params, Function<String, Map<String, Object>> resultOf,
            Predicate<String> hasJob) {
        if (params == null || !containsReference(params)) {
            return params;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) walk(params, resultOf, hasJob);
        return resolved;
    }

    private static void collect(String path, Object value, List<ResultReference> found) {
        switch (value) {
            case String text -> {
                Matcher candidate = CANDIDATE.matcher(text);
                while (candidate.find()) {
                    found.add(parse(path, candidate));
                }
            }
            case Map<?, ?> map -> map.forEach((name, child) -> collect(path + "." + name, child, found));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    collect(path + "[" + i + "]", list.get(i), found);
                }
            }
            case null, default -> {
                // numbers, booleans and nulls hold no references
            }
        }
    }

    private static ResultReference parse(String path, Matcher candidate) {
        Matcher reference = REFERENCE.matcher(candidate.group(1));
        return reference.matches()
                ? new ResultReference(path, candidate.group(), reference.group(1), reference.group(2))
                : new ResultReference(path, candidate.group(), null, null);
    }

    private Object walk(Object value, Function<String, Map<String, Object>> resultOf, Predicate<String> hasJob) {
        return switch (value) {
            case String text -> substitute(text, resultOf, hasJob);
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((name, child) -> copy.put(String.valueOf(name), walk(child, resultOf, hasJob)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(child -> copy.add(walk(child, resultOf, hasJob)));
                yield copy;
            }
            case null, default -> value;
        };
    }

    private Object substitute(String text, Function<String, Map<String, Object>> resultOf, Predicate<String> hasJob) {
        Matcher candidate = CANDIDATE.matcher(text);
        if (!candidate.find()) {
            return text;
        }
        if (candidate.start() == 0 && candidate.end() == text.length()) {
            return lookUp(parse("$", candidate), resultOf, hasJob);
        }
        candidate.reset();
        StringBuilder out = new StringBuilder();
        while (candidate.find()) {
            Object value = lookUp(parse("$", candidate), resultOf, hasJob);
            candidate.appendReplacement(out, Matcher.quoteReplacement(asText(value)));
        }
        candidate.appendTail(out);
        return out.toString();
    }

    private static Object lookUp(ResultReference reference, Function<String, Map<String, Object>> resultOf,
            Predicate<String> hasJob) {
        String written = reference.text();
        if (reference.isMalformed()) {
            throw new UnresolvableReferenceException(written, "not a reference of the form ${jobs.<key>.result.<field>}");
        }
        String key = reference.key();
        if (!hasJob.test(key)) {
            throw new UnresolvableReferenceException(written, "job '" + key + "' is not a job of this manifest");
        }
        Map<String, Object> result = resultOf.apply(key);
        if (result == null) {
            throw new UnresolvableReferenceException(written, "job '" + key + "' has no result");
        }
        Object current = result;
        for (String name : reference.field().split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> object) || !object.containsKey(name)) {
                throw new UnresolvableReferenceException(written,
                        "job '" + key + "' has no result field '" + reference.field() + "'");
            }
            current = object.get(name);
        }
        return current;
    }

    private String asText(Object value) {
        return switch (value) {
            case null -> "null";
            case String text -> text;
            case Number number -> number.toString();
            case Boolean bool -> bool.toString();
            default -> compactJson.apply(value);
        };
    }
}
