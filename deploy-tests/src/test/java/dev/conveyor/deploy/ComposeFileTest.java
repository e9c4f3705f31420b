package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml checked without a Docker engine: what `docker compose up` would be given. */
class ComposeFileTest {

    private static final String TEXT = Repository.read("docker-compose.yml");
    private static final Map<String, Object> SERVICES = Tree.map(new Yaml(new LoaderOptions()).load(TEXT), "services");
    private static final List<String> CONVEYOR = List.of("frontend", "scheduler", "worker");

    @Test
    void it_runs_the_services_on_kafka_a_job_store_a_separate_warehouse_prometheus_and_grafana() {
        assertThat(SERVICES).containsOnlyKeys("kafka", "postgres", "warehouse", "migrate", "frontend", "scheduler",
                "worker", "prometheus", "grafana");
        assertThat(Tree.string(SERVICES, "kafka", "environment", "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(Tree.string(SERVICES, "postgres", "image")).startsWith("postgres:");
        assertThat(Tree.string(SERVICES, "warehouse", "image")).startsWith("postgres:");
    }

    @Test
    void every_long_running_service_has_a_healthcheck_and_waits_for_its_dependencies_to_be_healthy() {
        SERVICES.forEach((name, service) -> {
            if (!name.equals("migrate")) {
                assertThat(Tree.list(service, "healthcheck", "test")).as(name + " healthcheck").isNotEmpty();
            }
            Tree.map(service, "depends_on").forEach((dependency, condition) -> {
                String expected = dependency.equals("migrate") ? "service_completed_successfully" : "service_healthy";
                assertThat(Tree.string(condition, "condition")).as(name + " -> " + dependency).isEqualTo(expected);
                assertThat(SERVICES).as(name + " -> " + dependency).containsKey(dependency);
            });
        });
        for (String service : CONVEYOR) {
            assertThat(Tree.map(SERVICES, service, "depends_on")).as(service)
                    .containsKeys("migrate", "postgres", "kafka");
            assertThat(String.join(" ", Tree.list(SERVICES, service, "healthcheck", "test").stream().map(String::valueOf).toList()))
                    .as(service).contains("/readyz");
        }
    }

    @Test
    void workers_scale_no_fixed_host_port_no_shared_duckdb_file() {
        Map<String, Object> worker = Tree.map(SERVICES, "worker");

        assertThat(worker).doesNotContainKeys("ports", "container_name", "hostname");
        assertThat(Tree.string(worker, "environment", "CONVEYOR_WAREHOUSE_URL"))
                .isEqualTo("jdbc:postgresql://warehouse:5432/warehouse");
        assertThat(TEXT).doesNotContain("jdbc:duckdb");
        assertThat(Tree.map(worker, "depends_on")).containsKey("warehouse");
        // a stopped worker drains: the drain timeout plus a heartbeat fits in the grace period
        Duration drain = Duration.parse("PT" + Tree.string(worker, "environment", "CONVEYOR_WORKER_DRAIN_TIMEOUT").toUpperCase());
        Duration grace = Duration.parse("PT" + Tree.string(worker, "stop_grace_period").toUpperCase());
        assertThat(grace).isGreaterThan(drain.plusSeconds(10));
    }

    @Test
    void the_frontend_scheduler_and_workers_share_one_files_directory_for_triggers_and_loads() {
        for (String service : CONVEYOR) {
            assertThat(Tree.string(SERVICES, service, "environment", "CONVEYOR_WAREHOUSE_FILES_DIRECTORY")).as(service)
                    .isEqualTo("/app/data");
            assertThat(Tree.list(SERVICES, service, "volumes")).as(service).contains("files:/app/data");
        }
    }

    @Test
    void migration_runs_once_and_the_services_start_with_it_off() {
        assertThat(Tree.string(SERVICES, "migrate", "environment", "SPRING_FLYWAY_ENABLED")).isEqualTo("true");
        assertThat(Tree.string(SERVICES, "migrate", "environment", "JDK_JAVA_OPTIONS"))
                .isEqualTo("-Dspring.context.exit=onRefresh");
        for (String service : CONVEYOR) {
            assertThat(Tree.string(SERVICES, service, "environment", "SPRING_FLYWAY_ENABLED")).as(service).isEqualTo("false");
            assertThat(Tree.at(SERVICES, service, "read_only")).as(service).isEqualTo(true);
            assertThat(Tree.list(SERVICES, service, "tmpfs")).as(service)
                    .anySatisfy(mount -> assertThat(String.valueOf(mount)).startsWith("/tmp"));
            assertThat(Tree.string(SERVICES, service, "build", "args", "SERVICE")).as(service).isEqualTo(service + "-service");
        }
    }

    @Test
    void every_mounted_file_exists_in_the_repository() {
        Set<String> hostPaths = new LinkedHashSet<>();
        SERVICES.values().forEach(service -> Tree.list(service, "volumes").stream()
                .map(String::valueOf)
                .filter(volume -> volume.startsWith("./"))
                .forEach(volume -> hostPaths.add(volume.substring(0, volume.indexOf(':')))));

        assertThat(hostPaths).contains("./deploy/prometheus/prometheus.yml", "./deploy/prometheus/rules",
                "./deploy/grafana/provisioning", "./deploy/grafana/dashboards");
        assertThat(hostPaths).allSatisfy(path -> assertThat(Repository.path(path.substring(2))).exists());
        assertThat(Repository.path("deploy/grafana/provisioning/datasources/prometheus.yml")).exists();
        assertThat(Repository.path("deploy/grafana/provisioning/dashboards/conveyor.yml")).exists();
    }

    @Test
    void prometheus_scrapes_every_service_and_every_worker_replica() {
        Map<String, Object> prometheus = new Yaml(new LoaderOptions()).load(Repository.read("deploy/prometheus/prometheus.yml"));
        List<Map<String, Object>> jobs = Tree.maps(prometheus, "scrape_configs");

        assertThat(jobs).extracting(job -> job.get("job_name"))
                .containsExactlyInAnyOrder("conveyor-frontend", "conveyor-scheduler", "conveyor-worker");
        assertThat(jobs).allSatisfy(job -> assertThat(job).containsEntry("metrics_path", "/actuator/prometheus"));
        Map<String, Object> workers = jobs.stream().filter(job -> "conveyor-worker".equals(job.get("job_name")))
                .findFirst().orElseThrow();
        assertThat(Tree.list(workers, "dns_sd_configs", 0, "names")).containsExactly("worker");
        assertThat(Tree.list(prometheus, "rule_files"))
                .allSatisfy(file -> assertThat(String.valueOf(file)).startsWith("/etc/prometheus/rules/"));
        Map<String, Object> datasources = new Yaml(new LoaderOptions())
                .load(Repository.read("deploy/grafana/provisioning/datasources/prometheus.yml"));
        assertThat(Tree.string(datasources, "datasources", 0, "url")).isEqualTo("http://prometheus:9090");
    }

    @Test
    void secrets_come_from_the_env_file_without_silent_defaults() throws Exception {
        Matcher reference = Pattern.compile("\\$\\{([A-Z_]+)([^}]*)}").matcher(TEXT);
        Set<String> variables = new LinkedHashSet<>();
        while (reference.find()) {
            assertThat(reference.group(2)).as("${%s...}", reference.group(1)).startsWith(":?");
            variables.add(reference.group(1));
        }
        String example = Files.readString(Repository.path(".env.example"));

        assertThat(variables).contains("CONVEYOR_DB_PASSWORD", "CONVEYOR_WAREHOUSE_PASSWORD", "GRAFANA_ADMIN_PASSWORD");
        assertThat(variables).allSatisfy(variable -> assertThat(example).contains(variable + "="));
        assertThat(TEXT).doesNotContainPattern("(?im)password: *[a-z0-9]+\\s*$");
    }
}
