package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.job.SubmitJobRequest;
import dev.conveyor.frontend.manifest.SubmitManifestRequest;
import dev.conveyor.frontend.webhook.Notify;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checked job or manifest request as the store keeps it for later: the template a schedule fires at each tick
 * and a trigger starts for each file.
 */
public final class WorkTemplates {

    private WorkTemplates() {
    }

    /** The job as the store's firing reads it: only what the request gave, the duration as ISO-8601 text. */
    public static Map<String, Object> job(SubmitJobRequest job) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("type", job.type());
        putIfPresent(template, "params", job.params());
        putIfPresent(template, "maxAttempts", job.maxAttempts());
        putIfPresent(template, "timeout", job.timeout() == null ? null : job.timeout().toString());
        putIfPresent(template, "labels", job.labels());
        putIfPresent(template, "notify", notify(job.notification()));
        return template;
    }

    public static Map<String, Object> manifest(SubmitManifestRequest manifest) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", manifest.name());
        putIfPresent(template, "labels", manifest.labels());
        putIfPresent(template, "notify", notify(manifest.notification()));
        template.put("jobs", manifest.jobs().stream().map(job -> {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("key", job.key());
            each.put("type", job.type());
            putIfPresent(each, "params", job.params());
            putIfPresent(each, "dependsOn", job.dependsOn());
            putIfPresent(each, "maxAttempts", job.maxAttempts());
            putIfPresent(each, "timeout", job.timeout() == null ? null : job.timeout().toString());
            putIfPresent(each, "labels", job.labels());
            return each;
        }).toList());
        return template;
    }

    private static Map<String, Object> notify(Notify notify) {
        return notify == null ? null : Map.of("url", notify.url(), "events", notify.eventsOrAll());
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
