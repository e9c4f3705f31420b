package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.job.JobState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import tools.jackson.databind.json.JsonMapper;

class JobInsertsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static JdbcClient jdbc;
    private static JobInserts inserts;
    private static JobStore store;
    private static TestJobs testJobs;

    @BeforeAll
    static void migrate() {
        PGSimpleDataSource dataSource = MigratedDatabase.create();
        jdbc = JdbcClient.create(dataSource);
        JsonColumns json = new JsonColumns(JsonMapper.builder().build());
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        inserts = new JobInserts(jdbc, json, clock);
        store = new JobStore(jdbc, json, clock);
        testJobs = new TestJobs(jdbc, json, clock);
    }

    @Test
    void stores_each_job_trace_context_and_its_trace_id_by_batch_and_alone() {
        String first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String second = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";
        NewJob traced = NewJob.of("noop", Map.of()).withTraceParent(first);
        NewJob other = NewJob.of("noop", Map.of()).withTraceParent(second);
        NewJob untraced = NewJob.of("noop", Map.of());
        NewJob alone = NewJob.of("noop", Map.of()).withTraceParent(first);

        List<JobInserts.Result> results = inserts.insertAll(List.of(traced, other, untraced));
        store.insert(alone);

        assertThat(results).extracting(result -> result.stored().traceParent()).containsExactly(first, second, null);
        assertThat(store.find(other.id()).orElseThrow().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(store.find(untraced.id()).orElseThrow().traceId()).isNull();
        assertThat(jdbc.sql("SELECT trace_id FROM conveyor.job WHERE id = ANY(:ids) ORDER BY trace_id")
                .param("ids", new SqlArrayValue("uuid", traced.id(), alone.id(), other.id()))
                .query(String.class).list()).as("the column the API reads")
                .containsExactly("0af7651916cd43dd8448eb211c80319c", "4bf92f3577b34da6a3ce929d0e0e4736",
                        "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void stores_a_batch_with_every_field_and_one_history_entry_each_returned_in_order() {
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            jobs.add(NewJob.of("sql", Map.of("sql", "select " + i, "nested", Map.of("n", i))));
        }
        NewJob detailed = NewJob.of("load", Map.of("table", "orders"))
                .withTenant("acme")
                .withLabels(Map.of("team", "data"))
                .withMaxAttempts(7)
                .withTimeout(Duration.ofMinutes(5))
                .withNotBefore(Instant.parse("2030-01-01T00:00:00Z"))
                .withIdempotency("nightly-" + UUID.randomUUID(), "hash-1");
        jobs.add(150, detailed);

        List<JobInserts.Result> results = inserts.insertAll(jobs);

        assertThat(results).hasSize(301);
        for (int i = 0; i < jobs.size(); i++) {
            JobInserts.Result result = results.get(i);
            assertThat(result.job()).isSameAs(jobs.get(i));
            assertThat(result.collided()).isFalse();
            assertThat(result.stored().id()).isEqualTo(jobs.get(i).id());
        }
        assertThat(results.get(7).stored().params()).containsEntry("sql", "select 7")
                .containsEntry("nested", Map.of("n", 7));
        Job stored = store.find(detailed.id()).orElseThrow();
        assertThat(stored.tenant()).isEqualTo("acme");
        assertThat(stored.type()).isEqualTo("load");
        assertThat(stored.state()).isEqualTo(JobState.SUBMITTED);
        assertThat(stored.params()).containsEntry("table", "orders");
        assertThat(stored.labels()).containsEntry("team", "data");
        assertThat(stored.maxAttempts()).isEqualTo(7);
        assertThat(stored.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(stored.notBefore()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(stored.idempotencyKey()).isEqualTo(detailed.idempotencyKey());
        assertThat(stored.requestHash()).isEqualTo("hash-1");
        assertThat(stored.createdAt()).isEqualTo(NOW);
        assertThat(testJobs.history(detailed.id())).singleElement().satisfies(event -> {
            assertThat(event.from()).isNull();
            assertThat(event.to()).isEqualTo(JobState.SUBMITTED);
        });
        List<UUID> ids = jobs.stream().map(NewJob::id).toList();
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job_event WHERE job_id = ANY(?)")
                .param(new SqlArrayValue("uuid", ids.toArray())).query(Long.class).single()).isEqualTo(301L);
    }

    @Test
    void reports_a_job_whose_key_an_existing_job_holds_as_collided_and_stores_the_rest() {
        String key = "taken-" + UUID.randomUUID();
        Job earlier = store.insert(NewJob.of("noop", Map.of()).withIdempotency(key, "first"));
        NewJob before = NewJob.of("noop", Map.of());
        NewJob replay = NewJob.of("noop", Map.of("other", true)).withIdempotency(key, "second");
        NewJob after = NewJob.of("noop", Map.of()).withIdempotency("fresh-" + UUID.randomUUID(), "third");

        List<JobInserts.Result> results = inserts.insertAll(List.of(before, replay, after));

        assertThat(results).extracting(JobInserts.Result::collided).containsExactly(false, true, false);
        assertThat(store.find(replay.id())).isEmpty();
        assertThat(testJobs.history(replay.id())).isEmpty();
        assertThat(store.find(before.id())).isPresent();
        assertThat(store.find(after.id())).isPresent();
        assertThat(inserts.findByIdempotencyKeys("default", List.of(key, after.idempotencyKey(), "nobody")))
                .containsOnlyKeys(key, after.idempotencyKey())
                .hasEntrySatisfying(key, job -> assertThat(job.id()).isEqualTo(earlier.id()));
    }

    @Test
    void lets_exactly_the_first_of_repeated_keys_in_one_batch_win() {
        String key = "twice-" + UUID.randomUUID();
        NewJob first = NewJob.of("noop", Map.of("n", 1)).withIdempotency(key, "a");
        NewJob second = NewJob.of("noop", Map.of("n", 2)).withIdempotency(key, "b");
        NewJob otherTenant = NewJob.of("noop", Map.of("n", 3)).withTenant("acme").withIdempotency(key, "c");
        NewJob third = NewJob.of("noop", Map.of("n", 4)).withIdempotency(key, "d");

        List<JobInserts.Result> results = inserts.insertAll(List.of(first, second, otherTenant, third));

        assertThat(results).extracting(JobInserts.Result::collided).containsExactly(false, true, false, true);
        assertThat(jdbc.sql("SELECT id FROM conveyor.job WHERE tenant = 'default' AND idempotency_key = ?")
                .param(key).query(UUID.class).list()).containsExactly(first.id());
        assertThat(store.find(otherTenant.id())).isPresent();
    }

    @Test
    void stores_one_job_per_key_when_concurrent_batches_share_keys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add("shared-" + UUID.randomUUID());
        }
        List<Callable<List<JobInserts.Result>>> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            batches.add(() -> inserts.insertAll(keys.stream()
                    .map(key -> NewJob.of("noop", Map.of()).withIdempotency(key, "same"))
                    .toList()));
        }
        List<List<JobInserts.Result>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<List<JobInserts.Result>> future : pool.invokeAll(batches)) {
                outcomes.add(future.get());
            }
        }

        long inserted = outcomes.stream().flatMap(List::stream).filter(result -> !result.collided()).count();
        assertThat(inserted).isEqualTo(50);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.job WHERE idempotency_key = ANY(?)")
                .param(new SqlArrayValue("text", keys.toArray())).query(Long.class).single()).isEqualTo(50L);
    }

    @Test
    void does_nothing_for_an_empty_batch() {
        assertThat(inserts.insertAll(List.of())).isEmpty();
    }
}
