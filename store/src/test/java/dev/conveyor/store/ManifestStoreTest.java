package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import dev.conveyor.common.manifest.ManifestState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

class ManifestStoreTest {

    private static ManifestStore manifests;
    private static JobStore jobs;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        jobs = new JobStore(JdbcClient.create(dataSource), json, Clock.systemUTC());
        manifests = new ManifestStore(JdbcClient.create(dataSource), json, jobs, Clock.systemUTC());
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** a and b both feed join. */
    private static NewManifest diamond(UUID a, UUID b, UUID join) {
        UUID id = UUID.randomUUID();
        return new NewManifest(id, "default", "diamond", Map.of("team", "data"), null, null, List.of(
                NewJob.of("noop", Map.of()).withId(a).inManifest(id, "a", 0),
                NewJob.of("noop", Map.of()).withId(b).inManifest(id, "b", 0),
                NewJob.of("noop", Map.of()).withId(join).inManifest(id, "join", 2)),
                Map.of(join, List.of(a, b)));
    }

    @Test
    void stores_a_manifest_with_its_jobs_and_edges() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), join = UUID.randomUUID();
        Manifest stored = transaction.execute(status -> manifests.insert(diamond(a, b, join)));

        assertThat(stored.state()).isEqualTo(ManifestState.RUNNING);
        assertThat(manifests.jobs(stored.id())).extracting(Job::jobKey, Job::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("a", JobState.SUBMITTED),
                org.assertj.core.groups.Tuple.tuple("b", JobState.SUBMITTED),
                org.assertj.core.groups.Tuple.tuple("join", JobState.WAITING));
        assertThat(manifests.dependencies(stored.id())).containsEntry(join, List.of(a, b));
    }

    @Test
    void a_duplicate_success_does_not_count_twice() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), join = UUID.randomUUID();
        transaction.execute(status -> manifests.insert(diamond(a, b, join)));

        assertThat(manifests.satisfyDependents(a)).isEmpty();
        assertThat(manifests.satisfyDependents(a)).isEmpty();
        assertThat(jobs.find(join).orElseThrow().pendingDependencies()).isEqualTo(1);
        assertThat(manifests.satisfyDependents(b)).containsExactly(join);
    }

    @Test
    void two_dependencies_finishing_at_once_release_the_dependent_exactly_once() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                UUID a = UUID.randomUUID(), b = UUID.randomUUID(), join = UUID.randomUUID();
                transaction.execute(status -> manifests.insert(diamond(a, b, join)));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<List<UUID>>> released = new ArrayList<>();
                for (UUID upstream : List.of(a, b)) {
                    released.add(threads.submit(() -> {
                        together.await();
                        return transaction.execute(status -> manifests.satisfyDependents(upstream));
                    }));
                }

                List<UUID> all = new ArrayList<>(released.get(0).get());
                all.addAll(released.get(1).get());
                assertThat(all).as("round %d", round).containsExactly(join);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_manifest_finishes_once() {
        UUID a = UUID.randomUUID(), b = UUID.randomUUID(), join = UUID.randomUUID();
        Manifest stored = transaction.execute(status -> manifests.insert(diamond(a, b, join)));

        assertThat(manifests.finish(stored.id(), ManifestState.SUCCEEDED)).isPresent();
        assertThat(manifests.finish(stored.id(), ManifestState.FAILED)).isEmpty();
        assertThat(manifests.reopen(stored.id())).get().extracting(Manifest::state).isEqualTo(ManifestState.RUNNING);
    }
}
