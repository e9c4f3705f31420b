package dev.conveyor.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trigger's template made concrete for one file: {@code ${trigger.path}} (relative to the files directory, as
 * load sources and export paths are written), {@code ${trigger.name}} (the file name) and {@code ${trigger.size}}
 * (bytes) are replaced in every string of the job's params, or of each job's params in a manifest. Only params:
 * a type, key or name is taken as it was written.
 */
public final class TriggerTemplate {

    public static final String PATH = "${trigger.path}";
    public static final String NAME = "${trigger.name}";
    public static final String SIZE = "${trigger.size}";

    private TriggerTemplate() {
    }

    /** The template with the placeholders of its params replaced for {@code file}. */
    public static Map<String, Object> resolve(Schedule.Kind kind, Map<String, Object> template, ObservedFile file) {
        Map<String, Object> resolved = new LinkedHashMap<>(template);
        if (kind == Schedule.Kind.JOB) {
            resolveParams(resolved, file);
        } else if (template.get("jobs") instanceof List<?> jobs) {
            List<Object> each = new ArrayList<>();
            for (Object job : jobs) {
                @SuppressWarnings("unchecked")
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) job);
                resolveParams(copy, file);
                each.add(copy);
            }
            resolved.put("jobs", each);
        }
        return resolved;
    }

    /** The params of each job the template starts: the job's own, or those of every job of the manifest. */
    public static List<JobParams> jobs(Schedule.Kind kind, Map<String, Object> template) {
        List<JobParams> jobs = new ArrayList<>();
        if (kind == Schedule.Kind.JOB) {
            jobs.add(JobParams.of(template));
        } else if (template.get("jobs") instanceof List<?> list) {
            for (Object job : list) {
                @SuppressWarnings("unchecked")
                Map<String, Object> each = (Map<String, Object>) job;
                jobs.add(JobParams.of(each));
            }
        }
        return jobs;
    }

    /** One job of a template: its type and params (empty when it has none). */
    public record JobParams(String key, String type, Map<String, Object> params) {

        @SuppressWarnings("unchecked")
        static JobParams of(Map<String, Object> job) {
            Object params = job.get("params");
            return new JobParams((String) job.get("key"), (String) job.get("type"),
                    params instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of());
        }
    }

    private static void resolveParams(Map<String, Object> job, ObservedFile file) {
        if (job.get("params") != null) {
            job.put("params", replace(job.get("params"), file));
        }
    }

    private static Object replace(Object value, ObservedFile file) {
        return switch (value) {
            case String text -> text.replace(PATH, file.path()).replace(NAME, file.name())
                    .replace(SIZE, Long.toString(file.size()));
            case Map<?, ?> map -> {
                Map<Object, Object> copy = new LinkedHashMap<>();
                map.forEach((key, each) -> copy.put(key, replace(each, file)));
                yield copy;
            }
            case List<?> list -> list.stream().map(each -> replace(each, file)).toList();
            default -> value;
        };
    }
}
