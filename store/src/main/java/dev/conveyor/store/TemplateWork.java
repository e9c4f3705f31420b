package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.util.List;
import java.util.Map;

/**
 * Stores the job or manifest that a schedule's firing or a trigger's file starts, from the template the API accepted
 * (a job or manifest request, checked when the schedule or trigger was made), and subscribes the template's
 * {@code notify} webhook to it, in the caller's transaction.
 */
final class TemplateWork {

    private final JobStore jobs;
    private final ManifestStore manifests;
    private final WebhookOutbox webhooks;

    TemplateWork(JobStore jobs, ManifestStore manifests, WebhookOutbox webhooks) {
        this.jobs = jobs;
        this.manifests = manifests;
        this.webhooks = webhooks;
    }

    /** @param idempotencyKey names the firing or the file, so its work can never be stored twice */
    StartedWork store(String tenant, Schedule.Kind kind, Map<String, Object> template, String idempotencyKey) {
        StartedWork started;
        if (kind == Schedule.Kind.JOB) {
            NewJob job = ScheduledWork.job(tenant, template, idempotencyKey);
            Job stored = jobs.insert(job);
            started = new StartedWork(stored.id(), null, List.of(job.withId(stored.id())));
        } else {
            NewManifest manifest = ScheduledWork.manifest(tenant, template, idempotencyKey);
            manifests.insert(manifest);
            started = new StartedWork(null, manifest.id(),
                    manifest.jobs().stream().filter(job -> job.initialState() == JobState.SUBMITTED).toList());
        }
        if (template.get("notify") instanceof Map<?, ?> notify) {
            String url = (String) notify.get("url");
            @SuppressWarnings("unchecked")
            List<String> events = (List<String>) notify.get("events");
            if (started.jobId() != null) {
                webhooks.subscribeJob(started.jobId(), url, events);
            } else {
                webhooks.subscribeManifest(started.manifestId(), url, events);
            }
        }
        return started;
    }
}
