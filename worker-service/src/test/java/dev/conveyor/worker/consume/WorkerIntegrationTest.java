package dev.conveyor.worker.consume;

import static org.awaitility.Awaitility.await;

import dev.conveyor.common.job.JobState;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobMoves;
import dev.conveyor.store.TestJobs;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.NewJob;
import dev.conveyor.testsupport.MutableClock;
import dev.conveyor.testsupport.WithRealInfrastructure;
import dev.conveyor.worker.WorkerApplication;
import dev.conveyor.worker.support.KubernetesApiStub;
import dev.conveyor.worker.support.FlakyHandler;
import dev.conveyor.worker.support.KafkaTestClient;
import dev.conveyor.worker.support.KafkaTestClientConfiguration;
import dev.conveyor.worker.support.RecursingHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One worker context for the integration tests that extend this (so they share it): real PostgreSQL and Kafka, a
 * DuckDB warehouse, two test handlers, and a clock the tests move by hand, so heartbeats and timeouts run on demand
 * instead of on wall time. The test plays the scheduler: it queues jobs and dispatches them itself.
 */
@WithRealInfrastructure
@SpringBootTest(properties = {
        "spring.config.name=" + WorkerApplication.CONFIG_NAME,
        "conveyor.worker.group=worker-it-${random.uuid}",
        "conveyor.worker.retry.initial-backoff=1m",
        "conveyor.max-depth=3"})
@Import({WorkerIntegrationTest.TestBeans.class, KafkaTestClientConfiguration.class})
abstract class WorkerIntegrationTest {

    private static final Path WAREHOUSE_DIR = temporaryDirectory();

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }

        @Bean
        FlakyHandler flakyHandler() {
            return new FlakyHandler();
        }

        @Bean
        RecursingHandler recursingHandler() {
            return new RecursingHandler();
        }
    }

    /** Every job of these tests moves the pod deletion cost, as in a cluster; PodDeletionCostIT reads it. */
    static final KubernetesApiStub KUBERNETES = KubernetesApiStub.start();

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        // a directory that does not exist yet: the worker creates it
        registry.add("conveyor.warehouse.url", () -> "jdbc:duckdb:" + WAREHOUSE_DIR.resolve("data/warehouse.duckdb"));
        registry.add("conveyor.worker.pod-deletion-cost.enabled", () -> "true");
        registry.add("conveyor.worker.pod-deletion-cost.api-server", KUBERNETES::url);
        registry.add("conveyor.worker.pod-deletion-cost.pod-name", () -> "worker-it");
        registry.add("conveyor.worker.pod-deletion-cost.namespace", () -> "conveyor");
    }

    @Autowired
    KafkaTestClient kafka;

    @Autowired
    JobStore jobs;
    @Autowired
    JobMoves moves;
    @Autowired
    TestJobs testJobs;
    @Autowired
    MutableClock clock;

    Job queued(NewJob job) {
        jobs.insert(job);
        return moves.queue(job.id(), JobState.SUBMITTED).orElseThrow();
    }

    Job awaitState(UUID id, JobState state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.find(id).orElseThrow().state() == state);
        return jobs.find(id).orElseThrow();
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("worker-it");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
