package dev.conveyor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerTemplateTest {

    private static final ObservedFile FILE = new ObservedFile("incoming/sales/2026-12-02.csv", 18234,
            Instant.parse("2026-12-02T17:40:11.512345678Z"));

    @Test
    void replaces_the_placeholders_in_every_string_of_a_jobs_params_and_nothing_else() {
        Map<String, Object> template = Map.of("type", "load", "labels", Map.of("from", "${trigger.name}"),
                "params", Map.of(
                        "source", "${trigger.path}",
                        "note", "${trigger.name}: ${trigger.size} bytes",
                        "nested", Map.of("list", List.of("${trigger.name}", 3)),
                        "header", true));

        Map<String, Object> resolved = TriggerTemplate.resolve(Schedule.Kind.JOB, template, FILE);

        assertThat(resolved.get("params")).isEqualTo(Map.of(
                "source", "incoming/sales/2026-12-02.csv",
                "note", "2026-12-02.csv: 18234 bytes",
                "nested", Map.of("list", List.of("2026-12-02.csv", 3)),
                "header", true));
        assertThat(resolved.get("labels")).isEqualTo(Map.of("from", "${trigger.name}"));
        assertThat(((Map<?, ?>) template.get("params")).get("source")).as("the stored template is left alone")
                .isEqualTo("${trigger.path}");
    }

    @Test
    void replaces_them_in_each_job_of_a_manifest() {
        Map<String, Object> template = Map.of("name", "ingest-${trigger.name}", "jobs", List.of(
                Map.of("key", "load", "type", "load", "params", Map.of("source", "${trigger.path}")),
                Map.of("key", "report", "type", "noop", "dependsOn", List.of("load"))));

        Map<String, Object> resolved = TriggerTemplate.resolve(Schedule.Kind.MANIFEST, template, FILE);

        assertThat(resolved.get("name")).isEqualTo("ingest-${trigger.name}");
        assertThat(TriggerTemplate.jobs(Schedule.Kind.MANIFEST, resolved)).extracting(TriggerTemplate.JobParams::params)
                .containsExactly(Map.of("source", "incoming/sales/2026-12-02.csv"), Map.of());
    }

    @Test
    void a_files_modification_time_keeps_the_precision_postgresql_stores() {
        assertThat(FILE.modifiedAt()).isEqualTo(Instant.parse("2026-12-02T17:40:11.512345Z"));
        assertThat(FILE.name()).isEqualTo("2026-12-02.csv");
    }
}
