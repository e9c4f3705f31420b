package dev.conveyor.scheduler.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Substitutes {@code ${jobs.<key>.result.<field>}} references in a job's params with values from the
 * results of other jobs of its manifest. No I/O: the caller passes the results by job key.
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
 * The syntax matches what the API checks at submission ({@code Placeholders} in the frontend).
 */
public final class ResultReferences {

    /** Anything that looks like a reference to a job, well-formed or not. */
    private static final Pattern CANDIDATE = Pattern.compile("\\$\\{jobs\\.([^}]*)}");
    /** The inside of a well-formed reference: a key, then {@code .result.} and a field path. */
    private static final Pattern REFERENCE = Pattern.compile("(.+?)\\.result\\.([^.\\s][^\\s]*)");

    private final JsonMapper json;

    public ResultReferences(JsonMapper json) {
        this.json = json;
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

    /** Whether any string value in {@code value} looks like a reference. */
    public static boolean containsReference(Object value) {
        return switch (value) {
            case String text -> CANDIDATE.matcher(text).find();
            case Map<?, ?> map -> map.values().stream().anyMatch(ResultReferences::containsReference);
            case List<?> list -> list.stream().anyMatch(ResultReferences::containsReference);
            case null, default -> false;
        };
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

    private Object substitute(String text, Function<String, Map<String, Object>> resultOf,
            Predicate<String> hasJob) {
        Matcher candidate = CANDIDATE.matcher(text);
        if (!candidate.find()) {
            return text;
        }
        if (candidate.start() == 0 && candidate.end() == text.length()) {
            return lookUp(candidate, resultOf, hasJob);
        }
        candidate.reset();
        StringBuilder out = new StringBuilder();
        while (candidate.find()) {
            candidate.appendReplacement(out, Matcher.quoteReplacement(asText(lookUp(candidate, resultOf, hasJob))));
        }
        candidate.appendTail(out);
        return out.toString();
    }

    private static Object lookUp(Matcher candidate, Function<String, Map<String, Object>> resultOf,
            Predicate<String> hasJob) {
        String written = candidate.group();
        Matcher reference = REFERENCE.matcher(candidate.group(1));
        if (!reference.matches()) {
            throw new UnresolvableReferenceException(written, "not a reference of the form ${jobs.<key>.result.<field>}");
        }
        String key = reference.group(1);
        String field = reference.group(2);
        if (!hasJob.test(key)) {
            throw new UnresolvableReferenceException(written, "job '" + key + "' is not a job of this manifest");
        }
        Map<String, Object> result = resultOf.apply(key);
        if (result == null) {
            throw new UnresolvableReferenceException(written, "job '" + key + "' has no result");
        }
        Object current = result;
        for (String name : field.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> object) || !object.containsKey(name)) {
                throw new UnresolvableReferenceException(written, "job '" + key + "' has no result field '" + field + "'");
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
            default -> json.writeValueAsString(value);
        };
    }
}
