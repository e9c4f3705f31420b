package dev.conveyor.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.frontend.FrontendApplication;
import dev.conveyor.observability.LoggingProperties;
import dev.conveyor.scheduler.SchedulerApplication;
import dev.conveyor.worker.WorkerApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration reference against what the services really bind: the
 * {@code spring-configuration-metadata.json} the configuration processor writes into each service's jar from
 * its properties records. Every {@code conveyor.*} key a service binds is in that service's table (or in the
 * shared one), no table lists a key the service does not bind, and each default is the record's.
 */
class ConfigurationReferenceTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern KEY = Pattern.compile("`(conveyor\\.[a-z0-9.-]+)`");
    private static final Pattern LITERAL = Pattern.compile("`([^`]*)`");

    /** One row of a table: a key and its default as written (null when the README gives none in backquotes). */
    record Documented(String key, String literalDefault, String defaultCell) {
    }

    private static Map<String, List<Documented>> sections;
    private static Map<String, Map<String, Optional<String>>> bound;

    @BeforeAll
    static void read() throws IOException {
        sections = configurationSections(Files.readString(README));
        // every service includes the shared observability module, so each binds its keys too
        Map<String, Optional<String>> everyService = boundBy(LoggingProperties.class);
        bound = new LinkedHashMap<>();
        bound.put("frontend-service", with(boundBy(FrontendApplication.class), everyService));
        bound.put("scheduler-service", with(boundBy(SchedulerApplication.class), everyService));
        bound.put("worker-service", with(boundBy(WorkerApplication.class), everyService));
    }

    @Test
    void lists_for_each_service_exactly_the_conveyor_keys_it_binds() {
        assertThat(sections).containsKeys("Shared by every service", "frontend-service", "scheduler-service",
                "worker-service");
        bound.forEach((service, properties) -> {
            assertThat(properties).as("conveyor.* properties in %s's metadata", service).isNotEmpty();
            assertThat(documentedFor(service).keySet()).as("keys the README lists for %s", service)
                    .containsExactlyInAnyOrderElementsOf(properties.keySet());
        });
    }

    @Test
    void gives_each_default_as_the_properties_record_sets_it() {
        bound.forEach((service, properties) -> documentedFor(service).forEach((key, row) -> {
            Optional<String> recordDefault = properties.get(key);
            if (recordDefault == null) {
                return; // not bound here: the other test names it
            }
            if (recordDefault.isPresent()) {
                assertThat(row.literalDefault()).as("README default of %s (%s), written %s", key, service,
                        row.defaultCell()).isEqualTo(recordDefault.get());
            } else {
                assertThat(row.literalDefault()).as("README default of %s (%s), written %s; the record has none,"
                        + " so say in words what happens", key, service, row.defaultCell()).isNull();
            }
        }));
    }

    @Test
    void lists_each_key_once_per_table_and_one_key_per_row() {
        sections.forEach((title, rows) -> assertThat(rows).extracting(Documented::key).as("keys under %s", title)
                .doesNotHaveDuplicates());
    }

    private static Map<String, Optional<String>> with(Map<String, Optional<String>> own,
            Map<String, Optional<String>> shared) {
        Map<String, Optional<String>> all = new TreeMap<>(own);
        all.putAll(shared);
        return all;
    }

    /** The rows of the service's own table and of the shared one, by key. */
    private static Map<String, Documented> documentedFor(String service) {
        Map<String, Documented> rows = new TreeMap<>();
        for (String title : List.of("Shared by every service", service)) {
            sections.getOrDefault(title, List.of()).forEach(row -> rows.put(row.key(), row));
        }
        return rows;
    }

    /**
     * The tables of the "Configuration reference" section by subsection title (the title's first word, so
     * {@code frontend-service (port 8080)} is {@code frontend-service}); rows without a {@code conveyor.*} key
     * (a library's setting, an environment variable) are left out.
     */
    static Map<String, List<Documented>> configurationSections(String readme) {
        int start = readme.indexOf("\n## Configuration reference");
        assertThat(start).as("a Configuration reference section in the README").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Map<String, List<Documented>> tables = new LinkedHashMap<>();
        List<Documented> current = null;
        for (String line : section.split("\n")) {
            if (line.startsWith("### ")) {
                String title = line.substring(4).trim();
                String name = title.startsWith("Shared") ? title : title.split(" ")[0];
                current = tables.computeIfAbsent(name, any -> new ArrayList<>());
            } else if (current != null && line.startsWith("| `")) {
                row(line).ifPresent(current::add);
            }
        }
        return tables;
    }

    private static Optional<Documented> row(String line) {
        String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
        String keyCell = cells[0].trim();
        Matcher key = KEY.matcher(keyCell);
        if (!key.lookingAt()) {
            return Optional.empty();
        }
        assertThat(key.end()).as("one key per row, written alone in its cell: %s", keyCell)
                .isEqualTo(keyCell.length());
        String defaultCell = cells[1].trim();
        Matcher literal = LITERAL.matcher(defaultCell);
        String literalDefault = literal.matches() ? literal.group(1) : null;
        return Optional.of(new Documented(key.group(1), literalDefault, defaultCell));
    }

    /** A default as a property value is written: a list's elements joined with commas. */
    private static Optional<String> defaultOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(element.asString()));
            return Optional.of(String.join(",", elements));
        }
        return Optional.of(value.asString());
    }

    /** The {@code conveyor.*} properties in the metadata of the jar (or classes directory) holding {@code application}. */
    private static Map<String, Optional<String>> boundBy(Class<?> application) throws IOException {
        URL location = application.getProtectionDomain().getCodeSource().getLocation();
        // no parent: only this service's own metadata, not that of the other services or of Spring Boot
        try (URLClassLoader own = new URLClassLoader(new URL[] {location}, null)) {
            URL metadata = own.getResource(METADATA);
            assertThat(metadata).as("%s in %s (built with the configuration processor? a clean build writes it)",
                    METADATA, location).isNotNull();
            try (InputStream in = metadata.openStream()) {
                JsonNode root = JsonMapper.builder().build().readTree(in);
                Map<String, Optional<String>> properties = new TreeMap<>();
                for (JsonNode property : root.path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("conveyor.")) {
                        properties.put(name, defaultOf(property.get("defaultValue")));
                    }
                }
                return properties;
            }
        }
    }
}
