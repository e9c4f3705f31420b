package dev.conveyor.scheduler.manifest;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobLifecycleEvent;
import dev.conveyor.common.event.JobSucceeded;
import dev.conveyor.common.event.ManifestEvent;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.recovery.Sweeper;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.ManifestStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.store.NewManifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the manifest integration tests share (and one application context): a five-job pipeline, and running a job
 * to success as a worker would, so a test only has to say which events arrive.
 */
abstract class ManifestIntegrationTest extends SchedulerIntegrationTest {

    static final String TYPE = "manifest-step";
    static final String TOPIC = Topics.typed(TYPE);
    static final String WORKER = "worker-1";

    @Autowired
    ManifestStore manifests;

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;

    @Autowired
    ManifestOutcomeHandler handler;

    @Autowired
    Sweeper sweeper;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** load -> transform -> check -> export, and side (a branch off load). Ids by key. */
    record Pipeline(UUID id, Map<String, UUID> jobs) {
        UUID job(String key) {
            return jobs.get(key);
        }
    }

    Pipeline pipeline(Map<String, Object> transformParams) {
        UUID manifestId = UUID.randomUUID();
        Map<String, UUID> ids = new java.util.LinkedHashMap<>();
        for (String key : List.of("load", "transform", "check", "export", "side")) {
            ids.put(key, UUID.randomUUID());
        }
        Map<String, List<String>> dependsOn = Map.of(
                "load", List.of(),
                "transform", List.of("load"),
                "check", List.of("transform"),
                "export", List.of("check"),
                "side", List.of("load"));
        List<NewJob> newJobs = new ArrayList<>();
        for (String key : ids.keySet()) {
            Map<String, Object> params = key.equals("transform") ? transformParams : Map.of("step", key);
            newJobs.add(NewJob.of(TYPE, params).withId(ids.get(key))
                    .inManifest(manifestId, key, dependsOn.get(key).size()));
        }
        Map<UUID, List<UUID>> edges = new java.util.HashMap<>();
        dependsOn.forEach((key, ups) -> {
            if (!ups.isEmpty()) {
                edges.put(ids.get(key), ups.stream().map(ids::get).toList());
            }
        });
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> manifests.insert(
                new NewManifest(manifestId, "default", "pipeline", Map.of(), null, null, newJobs, edges)));
        return new Pipeline(manifestId, ids);
    }

    /** As a worker would: the job is already QUEUED (or SUBMITTED for a root), claim it and finish it. */
    Job runToSuccess(UUID jobId, Map<String, Object> result) {
        Job job = claim(jobId);
        return moves.succeed(jobId, WORKER, job.attempt(), result).orElseThrow();
    }

    Job claim(UUID jobId) {
        Job job = jobs.find(jobId).orElseThrow();
        if (job.state() == JobState.SUBMITTED) {
            moves.queue(jobId, JobState.SUBMITTED).orElseThrow();
        }
        return moves.claim(jobId, WORKER, Duration.ofMinutes(5)).orElseThrow();
    }

    static JobSucceeded succeeded(Job job) {
        return new JobSucceeded(JobLifecycleEvent.SCHEMA_VERSION, job.id(), job.tenant(), job.type(), job.attempt(),
                job.manifestId(), WORKER, job.result(), job.finishedAt());
    }

    JobState state(UUID jobId) {
        return jobs.find(jobId).orElseThrow().state();
    }

    Map<UUID, List<ManifestEvent>> manifestEvents(UUID manifestId) {
        return KafkaProbe.messages(Topics.MANIFEST_EVENTS, ManifestEvent.class, ManifestEvent::manifestId,
                Set.of(manifestId), Duration.ofSeconds(1));
    }

}
