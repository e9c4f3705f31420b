package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.job.JobSubmissionService;
import dev.conveyor.frontend.job.SubmitJobRequest;
import dev.conveyor.frontend.manifest.ManifestSubmissionService;
import dev.conveyor.frontend.manifest.SubmitManifestRequest;
import dev.conveyor.frontend.security.SubmittedJobs.SubmittedJob;
import dev.conveyor.store.Schedule;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The template of a schedule or a trigger, {@code job} or {@code manifest}: checked by the same code as the POST it
 * stands for, so it never starts something invalid, and turned into what the store keeps.
 */
@Component
public class WorkTemplateChecks {

    /** A checked template: what it starts and the request as the store keeps it. */
    public record CheckedTemplate(Schedule.Kind kind, Map<String, Object> template) {
    }

    private final JobSubmissionService jobs;
    private final ManifestSubmissionService manifests;

    WorkTemplateChecks(JobSubmissionService jobs, ManifestSubmissionService manifests) {
        this.jobs = jobs;
        this.manifests = manifests;
    }

    /** Exactly one of {@code job} and {@code manifest} is given; problems name fields under {@code job.} or {@code manifest.}. */
    public CheckedTemplate check(SubmitJobRequest job, SubmitManifestRequest manifest) {
        if (job != null) {
            TemplateCheck.run("job.", () -> jobs.check(job));
            return new CheckedTemplate(Schedule.Kind.JOB, WorkTemplates.job(job));
        }
        TemplateCheck.run("manifest.", () -> manifests.check(manifest));
        return new CheckedTemplate(Schedule.Kind.MANIFEST, WorkTemplates.manifest(manifest));
    }

    /** The jobs a template starts, for the role and job-type checks, fields named as in the request. */
    public static List<SubmittedJob> submittedJobs(SubmitJobRequest job, SubmitManifestRequest manifest) {
        if (job != null) {
            return List.of(new SubmittedJob("job.type", job.type(), job.params()));
        }
        if (manifest != null) {
            return manifest.submittedJobs().stream()
                    .map(each -> new SubmittedJob("manifest." + each.field(), each.type(), each.params()))
                    .toList();
        }
        return List.of();
    }
}
