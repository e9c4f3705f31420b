package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Worker pools: what KEDA scales them on, within which bounds, and how long a leaving pod may drain. */
class WorkerPoolScalingTest {

    private static final ConveyorChart CHART = ConveyorChart.inRepository();

    @Test
    void an_autoscaled_pool_wakes_from_zero_on_kafka_lag_and_keeps_pods_for_queued_and_running_jobs() {
        Rendered rendered = CHART.render(ValueSet.KEDA_SCALE_TO_ZERO);
        Map<String, Object> scaledObject = rendered.one("ScaledObject", "conv-worker-warehouse");
        Map<String, Object> worker = Rendered.container(rendered.one("Deployment", "conv-worker-warehouse"));

        assertThat(Tree.string(scaledObject, "spec", "scaleTargetRef", "name")).isEqualTo("conv-worker-warehouse");
        assertThat(Tree.integer(scaledObject, "spec", "minReplicaCount")).isZero();
        assertThat(Tree.integer(scaledObject, "spec", "maxReplicaCount")).isEqualTo(24);
        List<Map<String, Object>> triggers = Tree.maps(scaledObject, "spec", "triggers");
        assertThat(triggers).extracting(trigger -> trigger.get("type")).containsExactly("kafka", "postgresql");

        Map<String, Object> kafka = Tree.map(triggers.get(0), "metadata");
        assertThat(kafka).containsEntry("topic", "conveyor.pool.warehouse")
                .containsEntry("consumerGroup", Rendered.envValue(worker, "CONVEYOR_WORKER_GROUP"))
                .containsEntry("consumerGroup", "conveyor-workers-warehouse")
                // KEDA runs in its own namespace: the short Service name is qualified
                .containsEntry("bootstrapServers", "kafka.jobs.svc:9092")
                .containsEntry("offsetResetPolicy", "earliest")
                .containsEntry("activationLagThreshold", "0");

        Map<String, Object> jobs = Tree.map(triggers.get(1), "metadata");
        assertThat(String.valueOf(jobs.get("query")))
                .isEqualTo("SELECT COUNT(*) FROM conveyor.job WHERE state IN ('QUEUED', 'RUNNING')"
                        + " AND type IN ('sql', 'load', 'check', 'export')");
        // one replica per `concurrency` queued or running jobs
        assertThat(jobs).containsEntry("targetQueryValue", Rendered.envValue(worker, "CONVEYOR_WORKER_CONCURRENCY"))
                .containsEntry("targetQueryValue", "16")
                .containsEntry("host", "postgres.jobs.svc")
                .containsEntry("dbName", "conveyor")
                .containsEntry("activationTargetQueryValue", "0");
        String authentication = Tree.string(triggers.get(1), "authenticationRef", "name");
        Map<String, Object> secretRef = Tree.map(rendered.one("TriggerAuthentication", authentication),
                "spec", "secretTargetRef", 0);
        assertThat(secretRef).containsEntry("parameter", "password");
        assertThat(Tree.map(rendered.one("Secret", String.valueOf(secretRef.get("name"))), "data"))
                .containsKey(String.valueOf(secretRef.get("key")));
    }

    @Test
    void a_pool_consumes_exactly_the_topics_of_its_job_types_as_its_own_group() {
        Rendered rendered = CHART.render(ValueSet.KEDA_SCALE_TO_ZERO);
        Map<String, Object> warehouse = Rendered.container(rendered.one("Deployment", "conv-worker-warehouse"));
        Map<String, Object> light = Rendered.container(rendered.one("Deployment", "conv-worker-light"));

        assertThat(Rendered.envValue(warehouse, "CONVEYOR_WORKER_TOPICS")).isEqualTo("conveyor.pool.warehouse");
        assertThat(Rendered.envValue(light, "CONVEYOR_WORKER_TOPICS")).isEqualTo("conveyor.jobs.noop,conveyor.jobs.sleep");
        assertThat(Rendered.envValue(light, "CONVEYOR_WORKER_GROUP")).isEqualTo("conveyor-workers-light");
        assertThat(Rendered.envValue(warehouse, "CONVEYOR_WORKER_DRAIN_TIMEOUT")).isEqualTo("10m");
        assertThat(Rendered.envValue(warehouse, "CONVEYOR_WAREHOUSE_MAX_POOL_SIZE")).isEqualTo("16");
        assertThat(Tree.maps(rendered.one("ScaledObject", "conv-worker-light"), "spec", "triggers"))
                .filteredOn(trigger -> "kafka".equals(trigger.get("type")))
                .extracting(trigger -> Tree.string(trigger, "metadata", "topic"))
                .containsExactly("conveyor.jobs.noop", "conveyor.jobs.sleep");
        // the scheduler (and the frontend's job-type listing) route the pool's types to its own topic
        assertThat(configuration(rendered)).contains(
                "'[sql]': conveyor.pool.warehouse", "'[load]': conveyor.pool.warehouse",
                "'[check]': conveyor.pool.warehouse", "'[export]': conveyor.pool.warehouse");
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void a_leaving_worker_gets_its_drain_timeout_and_a_heartbeat_before_it_is_killed(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        List<Map<String, Object>> workers = rendered.ofKind("Deployment").stream()
                .filter(deployment -> Tree.string(deployment, "metadata", "name").startsWith("conv-worker-"))
                .toList();
        assertThat(workers).isNotEmpty().allSatisfy(deployment -> {
            Map<String, Object> container = Rendered.container(deployment);
            long drain = seconds(Rendered.envValue(container, "CONVEYOR_WORKER_DRAIN_TIMEOUT"));
            long heartbeat = seconds(Rendered.envValue(container, "CONVEYOR_WORKER_HEARTBEAT_INTERVAL"));
            int grace = Tree.integer(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");
            assertThat(grace).as(Tree.string(deployment, "metadata", "name")).isGreaterThan((int) (drain + heartbeat));
        });
    }

    @ParameterizedTest
    @EnumSource(ValueSet.class)
    void a_scaled_object_stays_within_partitions_and_cools_down_longer_than_a_pod_drains(ValueSet valueSet) {
        Rendered rendered = CHART.render(valueSet);

        for (Map<String, Object> scaledObject : rendered.ofKind("ScaledObject")) {
            String target = Tree.string(scaledObject, "spec", "scaleTargetRef", "name");
            Map<String, Object> deployment = rendered.one("Deployment", target);
            int partitions = Integer.parseInt(Rendered.envValue(Rendered.container(deployment), "CONVEYOR_KAFKA_PARTITIONS"));
            int grace = Tree.integer(deployment, "spec", "template", "spec", "terminationGracePeriodSeconds");

            assertThat(Tree.integer(scaledObject, "spec", "maxReplicaCount")).as(target).isBetween(1, partitions);
            assertThat(Tree.integer(scaledObject, "spec", "cooldownPeriod")).as(target).isGreaterThan(grace);
            assertThat(Tree.integer(scaledObject, "spec", "advanced", "horizontalPodAutoscalerConfig", "behavior",
                    "scaleDown", "stabilizationWindowSeconds")).as(target).isGreaterThan(grace);
            // KEDA owns the replicas: a fixed count in the Deployment would fight it on every upgrade
            assertThat(Tree.map(deployment, "spec")).as(target).doesNotContainKey("replicas");
        }
    }

    @Test
    void grace_period_and_cooldown_follow_the_drain_timeout() {
        Rendered rendered = CHART.render(ValueSet.KEDA_SCALE_TO_ZERO);

        // 10m drain + 10s heartbeat + 30s margin
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-warehouse"),
                "spec", "template", "spec", "terminationGracePeriodSeconds")).isEqualTo(640);
        assertThat(Tree.integer(rendered.one("ScaledObject", "conv-worker-warehouse"), "spec", "cooldownPeriod"))
                .isEqualTo(700);
        // the default 5m drain
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-light"),
                "spec", "template", "spec", "terminationGracePeriodSeconds")).isEqualTo(340);
    }

    @Test
    void pools_without_autoscaling_keep_their_replicas_and_nothing_scales_them() {
        Rendered rendered = CHART.render(ValueSet.FIXED_REPLICAS);

        assertThat(rendered.ofKind("ScaledObject")).isEmpty();
        assertThat(rendered.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(rendered.ofKind("TriggerAuthentication")).isEmpty();
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-sql"), "spec", "replicas")).isEqualTo(4);
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-batch"), "spec", "replicas")).isEqualTo(2);
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-misc"), "spec", "replicas")).isEqualTo(1);
        assertThat(Tree.integer(rendered.one("Deployment", "conv-frontend"), "spec", "replicas")).isEqualTo(3);
        // 30m drain of the batch pool
        assertThat(Tree.integer(rendered.one("Deployment", "conv-worker-batch"),
                "spec", "template", "spec", "terminationGracePeriodSeconds")).isEqualTo(1840);
        assertThat(rendered.has("PodDisruptionBudget", "conv-worker-misc")).isFalse();
        assertThat(rendered.has("PodDisruptionBudget", "conv-worker-sql")).isTrue();
    }

    @Test
    void the_scheduler_runs_two_replicas_and_the_frontend_scales_on_cpu() {
        Rendered rendered = CHART.render();

        assertThat(Tree.integer(rendered.one("Deployment", "conv-scheduler"), "spec", "replicas")).isEqualTo(2);
        Map<String, Object> hpa = rendered.one("HorizontalPodAutoscaler", "conv-frontend");
        assertThat(Tree.string(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("conv-frontend");
        assertThat(Tree.string(hpa, "spec", "metrics", 0, "resource", "name")).isEqualTo("cpu");
        assertThat(Tree.map(rendered.one("Deployment", "conv-frontend"), "spec")).doesNotContainKey("replicas");
        assertThat(rendered.ofKind("PodDisruptionBudget")).extracting(pdb -> Tree.string(pdb, "metadata", "name"))
                .containsExactlyInAnyOrder("conv-frontend", "conv-scheduler", "conv-worker-default");
    }

    @Test
    void paused_replicas_is_a_manual_override_on_the_scaled_object() {
        Rendered rendered = CHART.render(ValueSet.EXTERNAL_INFRASTRUCTURE);

        assertThat(Tree.map(rendered.one("ScaledObject", "conv-worker-default"), "metadata", "annotations"))
                .containsEntry("autoscaling.keda.sh/paused-replicas", "3");
        assertThat(Tree.map(CHART.render(ValueSet.KEDA_SCALE_TO_ZERO).one("ScaledObject", "conv-worker-light"),
                "metadata", "annotations")).doesNotContainKey("autoscaling.keda.sh/paused-replicas");
    }

    @Test
    void more_replicas_than_partitions_fail_the_render() {
        assertThatThrownBy(() -> CHART.render(ValueSet.KEDA_SCALE_TO_ZERO, """
                worker:
                  pools:
                    - name: light
                      jobTypes: [noop]
                      autoscaling: {enabled: true, maxReplicas: 25}
                """))
                .hasMessageContaining("worker pool \"light\": autoscaling.maxReplicas 25 is above its topics' 24 partitions");
    }

    @Test
    void a_cooldown_shorter_than_the_grace_period_fails_the_render() {
        assertThatThrownBy(() -> CHART.render("""
                worker:
                  pools:
                    - name: default
                      jobTypes: [sql]
                      autoscaling: {enabled: true, cooldownPeriod: 300}
                """))
                .hasMessageContaining("cooldownPeriod 300 s must be above the termination grace period of 340 s");
    }

    @Test
    void a_topic_consumed_by_two_pools_fails_the_render() {
        assertThatThrownBy(() -> CHART.render("""
                worker:
                  pools:
                    - {name: one, jobTypes: [sql, load]}
                    - {name: two, jobTypes: [load]}
                """))
                .hasMessageContaining("worker pools \"one\" and \"two\" both consume topic conveyor.jobs.load");
        assertThatThrownBy(() -> CHART.render("""
                worker:
                  pools:
                    - {name: one, jobTypes: [sql]}
                    - {name: catch-all}
                """))
                .hasMessageContaining("worker pool \"catch-all\": with several pools each one names its jobTypes");
    }

    @Test
    void a_route_that_contradicts_a_pool_topic_fails_the_render() {
        assertThatThrownBy(() -> CHART.render("""
                scheduler:
                  routes: {sql: elsewhere}
                worker:
                  pools:
                    - {name: default, jobTypes: [sql], topic: conveyor.pool.sql}
                """))
                .hasMessageContaining("job type \"sql\" is routed to elsewhere by scheduler.routes");
    }

    private static String configuration(Rendered rendered) {
        return Tree.string(rendered.one("ConfigMap", "conv-config"), "data", "application.yml");
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase()).toSeconds();
    }
}
