package dev.conveyor.store;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.common.manifest.ManifestGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a schedule's template (a job or manifest request as the API accepted it) into the job or manifest one
 * firing stores. The template was checked when the schedule was created, so this only copies fields.
 */
final class ScheduledWork {

    private ScheduledWork() {
    }

    static NewJob job(String tenant, Map<String, Object> template, String idempotencyKey) {
        return jobBuilder(tenant, template).idempotency(idempotencyKey, null).build();
    }

    static NewManifest manifest(String tenant, Map<String, Object> template, String idempotencyKey) {
        UUID manifestId = TimeOrderedIds.next();
        List<Map<String, Object>> jobs = list(template.get("jobs"));
        Map<String, UUID> ids = new HashMap<>();
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        for (Map<String, Object> job : jobs) {
            String key = (String) job.get("key");
            ids.put(key, TimeOrderedIds.next());
            dependsOn.put(key, strings(job.get("dependsOn")));
        }
        ManifestGraph graph = ManifestGraph.of(dependsOn);
        List<NewJob> newJobs = new ArrayList<>();
        Map<UUID, List<UUID>> edges = new HashMap<>();
        for (Map<String, Object> job : jobs) {
            String key = (String) job.get("key");
            List<String> upstream = graph.dependsOn(key);
            newJobs.add(jobBuilder(tenant, job).id(ids.get(key)).inManifest(manifestId, key, upstream.size()).build());
            if (!upstream.isEmpty()) {
                edges.put(ids.get(key), upstream.stream().map(ids::get).toList());
            }
        }
        return new NewManifest(manifestId, tenant, (String) template.get("name"), labels(template.get("labels")),
                idempotencyKey, null, newJobs, edges);
    }

    private static NewJob.Builder jobBuilder(String tenant, Map<String, Object> template) {
        Object maxAttempts = template.get("maxAttempts");
        Object timeout = template.get("timeout");
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) template.get("params");
        return NewJob.builder((String) template.get("type"))
                .tenant(tenant)
                .params(params)
                .labels(labels(template.get("labels")))
                .maxAttempts(maxAttempts == null ? NewJob.DEFAULT_MAX_ATTEMPTS : ((Number) maxAttempts).intValue())
                .timeout(timeout == null ? null : Duration.parse(timeout.toString()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(Object value) {
        return value == null ? Map.of() : (Map<String, String>) value;
    }
}
