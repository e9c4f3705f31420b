package dev.conveyor.store;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The test kit's entry point: jobs in any state, set up through the real stores, and the state and history of
 * a job for {@link ConveyorAssertions#assertThat(StoredJob)}.
 *
 * <pre>{@code
 * @Autowired TestJobs testJobs;   // in a Spring test; TestJobs.on(dataSource, clock) elsewhere
 * Job job = testJobs.aRunningJob().ofType("load").leasedBy("worker-1").insert();
 * ...
 * assertThat(testJobs.stored(job)).hasState(SUCCEEDED).hasHistory(SUBMITTED, QUEUED, RUNNING, SUCCEEDED);
 * }</pre>
 *
 * <p>Each builder inserts a SUBMITTED job and moves it on with the guarded statements the services use (dispatch,
 * claim, outcome, cancel), so the job has the history production would have given it. Shipped to the services'
 * tests in this module's test jar.
 */
public final class TestJobs {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JobStore jobs;
    private final JobMoves moves;
    private final ManifestStore manifests;

    public TestJobs(JdbcClient jdbc, JsonColumns json, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.jobs = new JobStore(jdbc, json, clock);
        this.moves = new JobMoves(jdbc, json, clock);
        this.manifests = new ManifestStore(jdbc, json, jobs, clock);
    }

    /** A kit on a database of its own (e.g. {@link MigratedDatabase#create()}), with plain JSON columns. */
    public static TestJobs on(DataSource dataSource, Clock clock) {
        return new TestJobs(JdbcClient.create(dataSource), new JsonColumns(JsonMapper.builder().build()), clock);
    }

    /** Stored and not yet dispatched. */
    public TestJobBuilder aSubmittedJob() {
        return new TestJobBuilder(this, JobState.SUBMITTED);
    }

    /** Dispatched for later: due at {@link TestJobBuilder#dueAt} (an hour from now unless set). */
    public TestJobBuilder aScheduledJob() {
        return new TestJobBuilder(this, JobState.SCHEDULED);
    }

    /** Dispatched and waiting for a worker's claim. */
    public TestJobBuilder aQueuedJob() {
        return new TestJobBuilder(this, JobState.QUEUED);
    }

    /** Claimed by {@link TestJobBuilder#leasedBy} ({@code worker-1} unless set). */
    public TestJobBuilder aRunningJob() {
        return new TestJobBuilder(this, JobState.RUNNING);
    }

    public TestJobBuilder aSucceededJob() {
        return new TestJobBuilder(this, JobState.SUCCEEDED);
    }

    /** Failed for good by its worker. */
    public TestJobBuilder aFailedJob() {
        return new TestJobBuilder(this, JobState.FAILED);
    }

    /** Cancelled before any worker ran it. */
    public TestJobBuilder aCancelledJob() {
        return new TestJobBuilder(this, JobState.CANCELLED);
    }

    /** The job's state history, oldest move first. */
    public List<JobEventRecord> history(UUID jobId) {
        return jdbc.sql("SELECT * FROM conveyor.job_event WHERE job_id = :id ORDER BY id")
                .param("id", jobId)
                .query((rs, n) -> new JobEventRecord(
                        rs.getLong("id"),
                        rs.getObject("job_id", UUID.class),
                        rs.getString("from_state") == null ? null : JobState.valueOf(rs.getString("from_state")),
                        JobState.valueOf(rs.getString("to_state")),
                        rs.getInt("attempt"),
                        rs.getString("worker"),
                        rs.getString("message"),
                        JobRowMapper.instant(rs, "at")))
                .list();
    }

    /** The job as it is stored now, with its history. */
    public StoredJob stored(UUID jobId) {
        Job job = jobs.find(jobId).orElseThrow(() -> new AssertionError("No job " + jobId + " is stored"));
        return new StoredJob(job, history(jobId));
    }

    public StoredJob stored(Job job) {
        return stored(job.id());
    }

    Clock clock() {
        return clock;
    }

    JobStore jobs() {
        return jobs;
    }

    JobMoves moves() {
        return moves;
    }

    ManifestStore manifests() {
        return manifests;
    }
}
