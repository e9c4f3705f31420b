package dev.conveyor.scheduler.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.common.event.JobDispatched;
import dev.conveyor.common.job.JobState;
import dev.conveyor.common.routing.Topics;
import dev.conveyor.scheduler.KafkaProbe;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.dispatch.DispatchResult;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A QUEUED job whose message never reached Kafka (a draining worker's re-send failed) is not stranded. */
class QueuedSweepIT extends SchedulerIntegrationTest {

    private static final String TYPE = "stranded";

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;

    @Autowired
    Sweeper sweeper;

    @Autowired
    MutableClock clock;

    @Test
    void sends_an_overdue_queued_job_again_once_per_period() {
        // GIVEN a job a worker handed back (QUEUED) whose JobDispatched never made it to Kafka
        Job job = testJobs.aRunningJob().ofType(TYPE).withParams(Map.of("n", 7)).leasedBy("worker-a")
                .withLease(Duration.ofSeconds(30)).insert();
        jobs.handBack(job.id(), "worker-a", 1).orElseThrow();

        // WHEN less than requeue-queued-after has passed, THEN the sweep leaves it to its (presumed) message
        clock.advance(Duration.ofMinutes(9));
        assertThat(sweeper.sweepOnce().overdueQueued()).extracting(DispatchResult::jobId).doesNotContain(job.id());

        // WHEN it is overdue and the sweep runs
        clock.advance(Duration.ofMinutes(2));
        SweepReport report = sweeper.sweepOnce();

        // THEN its JobDispatched is on its topic, for a worker to claim, and queued_at was moved on
        assertThat(report.overdueQueued()).filteredOn(outcome -> outcome.jobId().equals(job.id()))
                .extracting(DispatchResult::kind).containsExactly(DispatchResult.Kind.RESENT);
        List<JobDispatched> sent = KafkaProbe.dispatched(Topics.typed(TYPE), Set.of(job.id()), Duration.ofMillis(500))
                .get(job.id());
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.params()).isEqualTo(Map.of("n", 7));
            assertThat(message.attempt()).isZero();
        });
        Job resent = jobs.find(job.id()).orElseThrow();
        assertThat(resent.state()).isEqualTo(JobState.QUEUED);
        assertThat(resent.queuedAt()).isAfterOrEqualTo(clock.instant().minusMillis(1));

        // AND the next sweep within the period does not send it again
        clock.advance(Duration.ofMinutes(1));
        assertThat(sweeper.sweepOnce().overdueQueued()).extracting(DispatchResult::jobId).doesNotContain(job.id());

        // AND a worker can claim it
        assertThat(moves.claim(job.id(), "worker-b", Duration.ofSeconds(30))).isPresent();
    }
}
