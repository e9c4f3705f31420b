package dev.conveyor.common.routing;

/** Kafka topic names every service agrees on. */
public final class Topics {

    /** JobSubmitted: a job row was committed and the scheduler should look at it. */
    public static final String SUBMITTED = "conveyor.jobs.submitted";
    /** JobStarted, JobSucceeded, JobFailed: what workers report. */
    public static final String EVENTS = "conveyor.jobs.events";
    /** Jobs that failed for good. */
    public static final String DEAD_LETTER = "conveyor.jobs.dead-letter";
    /** ManifestSucceeded, ManifestFailed. */
    public static final String MANIFEST_EVENTS = "conveyor.manifests.events";
    /** Typed topics are this prefix plus the job type, unless a route says otherwise. */
    public static final String TYPED_PREFIX = "conveyor.jobs.";

    private Topics() {
    }

    public static String typed(String jobType) {
        return TYPED_PREFIX + jobType;
    }
}
