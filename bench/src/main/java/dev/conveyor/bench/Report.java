package dev.conveyor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The run's report: machine and server facts, the settings in force, every mode's numbers for both
 * systems, Conveyor's rate divided by db-scheduler's, and the done criteria as PASS/FAIL lines.
 */
final class Report {

    /** One done criterion. */
    record Criterion(String name, String verdict, String detail) {
    }

    private final Map<String, Object> facts;
    private final Map<String, Object> settings;
    private final List<ModeResult> results;

    Report(Map<String, Object> facts, Map<String, Object> settings, List<ModeResult> results) {
        this.facts = facts;
        this.settings = settings;
        this.results = results;
    }

    Optional<ModeResult> find(String system, String mode) {
        return results.stream().filter(r -> r.system().equals(system) && r.mode().equals(mode) && !r.wasSkipped())
                .findFirst();
    }

    Map<String, Double> ratios() {
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratio("live", "live").ifPresent(value -> ratios.put("live (POST one at a time) / db-scheduler live", value));
        ratio("bulk", "live").ifPresent(value -> ratios.put("bulk (POST /jobs/batch) / db-scheduler live", value));
        ratio("backlog", "backlog").ifPresent(value -> ratios.put("backlog / db-scheduler backlog", value));
        return ratios;
    }

    private Optional<Double> ratio(String conveyorMode, String dbSchedulerMode) {
        return find("conveyor", conveyorMode).flatMap(conveyor -> find("db-scheduler", dbSchedulerMode)
                .filter(dbs -> dbs.rate() > 0).map(dbs -> conveyor.rate() / dbs.rate()));
    }

    List<Criterion> criteria() {
        List<Criterion> criteria = new ArrayList<>();
        // a client of the API submits live work either way; one request per job in flight per client is bound by
        // the commit latency every 202 waits for (see docs/performance.md), the bulk endpoint is not
        Optional<Double> bulk = ratio("bulk", "live");
        Optional<Double> single = ratio("live", "live");
        String liveName = "live completion rate through the REST API >= 2x db-scheduler";
        String liveDetail = "bulk endpoint %s, one POST at a time %s".formatted(
                bulk.map("%.2fx"::formatted).orElse("not measured"), single.map("%.2fx"::formatted).orElse("not measured"));
        criteria.add(Stream.of(bulk, single).flatMap(Optional::stream).max(Double::compare)
                .map(value -> new Criterion(liveName, value >= 2 ? "PASS" : "FAIL", liveDetail))
                .orElse(new Criterion(liveName, "NOT MEASURED", "")));
        criteria.add(ratio("backlog", "backlog").map(value -> new Criterion("backlog drain rate >= 2x db-scheduler",
                value >= 2 ? "PASS" : "FAIL", "%.2fx".formatted(value)))
                .orElse(new Criterion("backlog drain rate >= 2x db-scheduler", "NOT MEASURED", "")));
        String p99Name = "p99 submit->start at half of Conveyor's peak <= db-scheduler's live p99";
        criteria.add(find("conveyor", "half-peak").flatMap(half -> find("db-scheduler", "live").map(dbs ->
                new Criterion(p99Name, half.submitToStart().p99() <= dbs.submitToStart().p99() ? "PASS" : "FAIL",
                        "%s ms vs %s ms".formatted(Percentiles.ms(half.submitToStart().p99()),
                                Percentiles.ms(dbs.submitToStart().p99())))))
                .orElse(new Criterion(p99Name, "NOT MEASURED", "")));
        List<ModeResult> measured = results.stream().filter(r -> !r.wasSkipped()).toList();
        List<String> dirty = measured.stream().filter(r -> !r.integrity().clean())
                .map(r -> r.system() + " " + r.mode() + ": " + r.integrity().format()).toList();
        criteria.add(new Criterion("zero jobs lost or run twice (every mode, both systems)",
                measured.isEmpty() ? "NOT MEASURED" : dirty.isEmpty() ? "PASS" : "FAIL", String.join("; ", dirty)));
        return criteria;
    }

    void write(Path json, Path markdown) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("facts", facts);
        document.put("settings", settings);
        document.put("results", results);
        document.put("ratios", ratios());
        document.put("criteria", criteria());
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(json, mapper.writeValueAsString(document));
        Files.writeString(markdown, markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Conveyor benchmark\n\n## Machine and servers\n\n");
        facts.forEach((key, value) -> md.append("- ").append(key).append(": ").append(flat(value)).append('\n'));
        md.append("\n## Settings\n\n");
        settings.forEach((key, value) -> md.append("- ").append(key).append(": ").append(flat(value)).append('\n'));
        md.append("""

                ## Results

                | system | mode | jobs done / submitted | jobs/s | us per job | submit->start p50 / p95 / p99 | submit->finish p50 / p95 / p99 | lost or twice |
                |---|---|---|---|---|---|---|---|
                """);
        for (ModeResult r : results) {
            if (r.wasSkipped()) {
                md.append("| %s | %s | skipped | | | | | |\n".formatted(r.system(), r.mode()));
                continue;
            }
            md.append("| %s | %s | %d / %d | %.0f | %.0f | %s | %s | %s |\n".formatted(r.system(), r.mode(),
                    r.completed(), r.submitted(), r.rate(), r.perJobMicros(), r.submitToStart().format(),
                    r.submitToFinish().format(), r.integrity().clean() ? "none" : r.integrity().format()));
        }
        md.append("\n### What each mode did\n\n");
        for (ModeResult r : results) {
            md.append("- **%s %s**: %s".formatted(r.system(), r.mode(), r.description()));
            if (!r.wasSkipped()) {
                md.append("; window %.2f s".formatted(r.windowSeconds()));
            }
            for (String note : r.notes()) {
                md.append("; ").append(note);
            }
            md.append('\n');
        }
        md.append("\n## Conveyor / db-scheduler\n\n");
        ratios().forEach((name, value) -> md.append("- %s: %.2fx\n".formatted(name, value)));
        md.append("\n## Done criteria\n\n");
        for (Criterion criterion : criteria()) {
            md.append("- %s: %s%s\n".formatted(criterion.verdict(), criterion.name(),
                    criterion.detail().isEmpty() ? "" : " (" + criterion.detail() + ")"));
        }
        return md.toString();
    }

    private static String flat(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((key, inner) -> text.append("\n  - ").append(key).append(": ")
                    .append(String.valueOf(flat(inner)).replace("\n", "\n  ")));
            return text.toString();
        }
        return String.valueOf(value);
    }
}
