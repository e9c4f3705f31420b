package dev.conveyor.scheduler.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.common.id.TimeOrderedIds;
import dev.conveyor.scheduler.SchedulerIntegrationTest;
import dev.conveyor.scheduler.system.SchedulerProperties;
import dev.conveyor.store.FileTrigger;
import dev.conveyor.store.Job;
import dev.conveyor.store.JobStore;
import dev.conveyor.store.Schedule;
import dev.conveyor.store.TriggerStore;
import dev.conveyor.testsupport.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scans on demand with a clock moved by hand, on real files in a directory inside the files directory (the working
 * directory here): a burst of files, one still being written, pause and delete, and two scanners racing.
 */
class TriggerScanIT extends SchedulerIntegrationTest {

    @Autowired
    TriggerScanner scanner;
    @Autowired
    TriggerStore triggers;
    @Autowired
    JobStore jobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    SchedulerProperties properties;

    private String watchPath;
    private Path directory;

    @BeforeEach
    void aNewDirectory() throws IOException {
        // only this test's trigger is scanned
        jdbc.sql("UPDATE conveyor.file_trigger SET paused = true").update();
        watchPath = "target/trigger-scan-it/" + UUID.randomUUID();
        directory = Files.createDirectories(Path.of(watchPath));
    }

    @Test
    void fifty_files_dropped_at_once_start_fifty_manifests_and_a_file_still_growing_starts_once_it_stopped() throws
            Exception {
        // GIVEN a trigger on *.csv and 50 files dropped at once, plus one still being written and one not matching
        FileTrigger trigger = create("*.csv", Schedule.Kind.MANIFEST, manifestTemplate());
        List<String> dropped = IntStream.range(0, 50).mapToObj(i -> "part-%02d.csv".formatted(i)).toList();
        for (String name : dropped) {
            Files.writeString(directory.resolve(name), "id,amount\n1," + name.length() + "\n");
        }
        Path slow = directory.resolve("slow.csv");
        Files.writeString(slow, "id,amount\n");
        Files.writeString(directory.resolve("readme.txt"), "not matched");

        // WHEN the first scan sees them: nothing starts, a file seen once may still be written
        assertThat(scanner.scanOnce()).isZero();
        assertThat(files(trigger)).hasSize(51).allSatisfy(row -> assertThat(row).containsEntry("state", "SEEN"));

        // AND stable-after later the 50 are unchanged while the slow one grew
        clock.advance(stableAfter());
        append(slow, "1,10\n");
        assertThat(scanner.scanOnce()).isEqualTo(50);

        // AND it grows again before the next scan
        clock.advance(stableAfter());
        append(slow, "2,20\n");
        assertThat(scanner.scanOnce()).isZero();

        // THEN each of the 50 started exactly one manifest, whose job reads that file; the slow one none yet
        assertThat(started(trigger)).hasSize(50).extracting(row -> row.get("path"))
                .containsExactlyInAnyOrderElementsOf(dropped.stream().map(name -> watchPath + "/" + name).toList());
        assertEachStartedOneManifestReadingItsFile(trigger);

        // WHEN it stopped growing and stable-after passed
        clock.advance(stableAfter());
        assertThat(scanner.scanOnce()).isEqualTo(1);
        clock.advance(stableAfter());
        assertThat(scanner.scanOnce()).isZero();

        // THEN it started once, with its final size; 51 manifests in all, one per file
        List<Map<String, Object>> started = started(trigger);
        assertThat(started).hasSize(51);
        assertThat(started).filteredOn(row -> row.get("path").equals(watchPath + "/slow.csv")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("size", Files.size(slow)));
        assertEachStartedOneManifestReadingItsFile(trigger);
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.manifest WHERE idempotency_key LIKE :prefix")
                .param("prefix", "trigger:" + trigger.id() + ":%").query(Long.class).single()).isEqualTo(51);
        // the superseded observations of the slow file were dropped: one row per file
        assertThat(files(trigger)).hasSize(51);
    }

    @Test
    void a_job_template_gets_the_file_in_its_params() throws Exception {
        FileTrigger trigger = create("in-*.json", Schedule.Kind.JOB, Map.of("type", "noop", "params", Map.of(
                "source", "${trigger.path}", "note", "${trigger.name} has ${trigger.size} bytes", "fixed", 7)));
        Files.writeString(directory.resolve("in-1.json"), "{}");

        scanner.scanOnce();
        clock.advance(stableAfter());
        scanner.scanOnce();

        UUID jobId = (UUID) started(trigger).getFirst().get("job_id");
        Job job = jobs.find(jobId).orElseThrow();
        assertThat(job.type()).isEqualTo("noop");
        assertThat(job.params()).containsEntry("source", watchPath + "/in-1.json")
                .containsEntry("note", "in-1.json has 2 bytes").containsEntry("fixed", 7);
    }

    @Test
    void a_paused_or_deleted_trigger_starts_nothing() throws Exception {
        FileTrigger paused = create("*.csv", Schedule.Kind.MANIFEST, manifestTemplate());
        Files.writeString(directory.resolve("a.csv"), "x\n");
        scanner.scanOnce();
        triggers.setPaused(paused.id(), "default", true).orElseThrow();

        clock.advance(stableAfter());
        scanner.scanOnce();
        assertThat(started(paused)).isEmpty();

        // resumed, it starts the file (unchanged since its first observation); deleted, the next file starts nothing
        triggers.setPaused(paused.id(), "default", false).orElseThrow();
        assertThat(scanner.scanOnce()).isEqualTo(1);

        Files.writeString(directory.resolve("b.csv"), "y\n");
        scanner.scanOnce();
        assertThat(triggers.delete(paused.id(), "default")).isTrue();
        clock.advance(stableAfter());
        assertThat(scanner.scanOnce()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM conveyor.manifest WHERE idempotency_key LIKE :prefix")
                .param("prefix", "trigger:" + paused.id() + ":%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void a_file_whose_work_cannot_start_is_recorded_failed_and_the_other_triggers_still_start() throws Exception {
        // a path that leads out of the files directory once replaced, and a manifest that can no longer be built
        FileTrigger escaping = create("*.csv", Schedule.Kind.JOB, Map.of("type", "load", "params", Map.of(
                "source", "${trigger.path}/../../../../../../../../etc/passwd", "table", "t")));
        FileTrigger broken = create("*.csv", Schedule.Kind.MANIFEST, Map.of("name", "broken", "jobs",
                List.of(Map.of("key", "a", "type", "noop", "dependsOn", List.of("missing")))));
        FileTrigger fine = create("*.csv", Schedule.Kind.MANIFEST, manifestTemplate());
        Files.writeString(directory.resolve("x.csv"), "x\n");

        scanner.scanOnce();
        clock.advance(stableAfter());
        assertThat(scanner.scanOnce()).isEqualTo(1);
        clock.advance(stableAfter());
        assertThat(scanner.scanOnce()).as("a failed file is not tried again").isZero();

        assertThat(files(escaping)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("state", "FAILED").containsEntry("job_id", null);
            assertThat((String) row.get("message")).contains("params.source", "leads outside the files directory");
        });
        assertThat(files(broken)).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("state", "FAILED").containsEntry("manifest_id", null);
            assertThat((String) row.get("message")).startsWith("the work could not be stored");
        });
        assertThat(started(fine)).hasSize(1);
    }

    @Test
    void two_scanners_racing_start_each_file_once() throws Exception {
        FileTrigger trigger = create("*.csv", Schedule.Kind.MANIFEST, manifestTemplate());
        for (int i = 0; i < 40; i++) {
            Files.writeString(directory.resolve("race-%02d.csv".formatted(i)), "r\n");
        }
        scanner.scanOnce();
        clock.advance(stableAfter());

        // WHEN two replicas scan at the same moment
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Integer>> scans = new ArrayList<>();
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            for (int replica = 0; replica < 2; replica++) {
                scans.add(CompletableFuture.supplyAsync(() -> {
                    await(together);
                    return scanner.scanOnce();
                }, replicas));
            }
        }

        // THEN between them they started 40 files, each once
        assertThat(scans.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(40);
        assertThat(started(trigger)).hasSize(40);
        assertEachStartedOneManifestReadingItsFile(trigger);
    }

    private void assertEachStartedOneManifestReadingItsFile(FileTrigger trigger) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT f.path, f.manifest_id, j.params ->> 'source' AS source, m.idempotency_key
                          FROM conveyor.trigger_file f
                          JOIN conveyor.manifest m ON m.id = f.manifest_id
                          JOIN conveyor.job j ON j.manifest_id = m.id AND j.job_key = 'load'
                         WHERE f.trigger_id = :id AND f.state = 'STARTED'
                        """).param("id", trigger.id()).query().listOfRows();
        assertThat(rows).hasSize(started(trigger).size());
        assertThat(rows).extracting(row -> row.get("manifest_id")).doesNotHaveDuplicates();
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("source")).isEqualTo(row.get("path"));
            assertThat((String) row.get("idempotency_key")).startsWith("trigger:" + trigger.id() + ":" + row.get("path"));
        });
    }

    private FileTrigger create(String glob, Schedule.Kind kind, Map<String, Object> template) {
        return triggers.insert(new FileTrigger(TimeOrderedIds.next(), "default", "t-" + UUID.randomUUID(), watchPath,
                glob, kind, template, false, null, null, 0));
    }

    private static Map<String, Object> manifestTemplate() {
        return Map.of("name", "ingest", "jobs", List.of(
                Map.of("key", "load", "type", "noop", "params", Map.of("source", "${trigger.path}")),
                Map.of("key", "report", "type", "noop", "dependsOn", List.of("load"),
                        "params", Map.of("file", "${trigger.name}"))));
    }

    private List<Map<String, Object>> files(FileTrigger trigger) {
        return jdbc.sql("SELECT * FROM conveyor.trigger_file WHERE trigger_id = :id").param("id", trigger.id())
                .query().listOfRows();
    }

    private List<Map<String, Object>> started(FileTrigger trigger) {
        return files(trigger).stream().filter(row -> "STARTED".equals(row.get("state"))).toList();
    }

    private Duration stableAfter() {
        return properties.triggers().stableAfter();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
