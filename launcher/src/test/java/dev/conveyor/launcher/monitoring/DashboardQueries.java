package dev.conveyor.launcher.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every PromQL expression of every panel of the Grafana dashboards in a directory, with Grafana's interval
 * variables and the dashboards' own variables replaced the way "All" selects them.
 */
final class DashboardQueries {

    /** One target of one panel. */
    record Query(String dashboard, String panel, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + ": " + expr;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DashboardQueries() {
    }

    static List<Query> in(Path directory) throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(Files.readString(file));
                collect(dashboard.path("title").asString(), dashboard.path("panels"), queries);
            }
        }
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            collect(dashboard, panel.path("panels"), queries);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asString();
                if (!expr.isBlank()) {
                    queries.add(new Query(dashboard, panel.path("title").asString(), substituted(expr)));
                }
            }
        }
    }

    /** What Grafana sends with "All" selected ({@code allValue} is {@code .*}) over a 5 minute range. */
    static String substituted(String expr) {
        return expr.replace("$__rate_interval", "1m")
                .replace("$__interval", "15s")
                .replace("$__range", "5m")
                .replace("$namespace", ".*")
                .replace("$service", ".*")
                .replace("$type", ".*");
    }
}
