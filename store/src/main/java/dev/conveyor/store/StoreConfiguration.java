package dev.conveyor.store;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every store as a bean, for a service to {@code @Import}: the one place that lists the code allowed to
 * read or change the job tables. Each service gets all of them (they are cheap and stateless) and uses
 * the ones its features need. The service supplies a {@link JdbcClient} on the job database, a
 * {@link JsonMapper} and a {@link Clock} (tests replace it with one they move).
 */
@Configuration(proxyBeanMethods = false)
public class StoreConfiguration {

    @Bean
    JsonColumns jsonColumns(JsonMapper mapper) {
        return new JsonColumns(mapper);
    }

    @Bean
    JobStore jobStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new JobStore(jdbc, json, clock);
    }

    @Bean
    JobInserts jobInserts(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new JobInserts(jdbc, json, clock);
    }

    @Bean
    DispatchStore dispatchStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new DispatchStore(jdbc, json, clock);
    }

    @Bean
    TenantSlotStore tenantSlotStore(JdbcClient jdbc) {
        return new TenantSlotStore(jdbc);
    }

    @Bean
    ClaimStore claimStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new ClaimStore(jdbc, json, clock);
    }

    @Bean
    LeaseStore leaseStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new LeaseStore(jdbc, json, clock);
    }

    @Bean
    OutcomeStore outcomeStore(JdbcClient jdbc, JsonColumns json, Clock clock) {
        return new OutcomeStore(jdbc, json, clock);
    }

    @Bean
    RetentionStore retentionStore(JdbcClient jdbc) {
        return new RetentionStore(jdbc);
    }

    @Bean
    VacuumCheck vacuumCheck(JdbcClient jdbc) {
        return new VacuumCheck(jdbc);
    }

    @Bean
    ManifestStore manifestStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, Clock clock) {
        return new ManifestStore(jdbc, json, jobs, clock);
    }

    @Bean
    ScheduleStore scheduleStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, ManifestStore manifests,
            WebhookOutbox webhooks, Clock clock) {
        return new ScheduleStore(jdbc, json, jobs, manifests, webhooks, clock);
    }

    @Bean
    TriggerStore triggerStore(JdbcClient jdbc, JsonColumns json, JobStore jobs, ManifestStore manifests,
            WebhookOutbox webhooks, Clock clock) {
        return new TriggerStore(jdbc, json, jobs, manifests, webhooks, clock);
    }

    @Bean
    WebhookOutbox webhookOutbox(JdbcClient jdbc, Clock clock) {
        return new WebhookOutbox(jdbc, clock);
    }

    @Bean
    WebhookSecrets webhookSecrets(JdbcClient jdbc, Clock clock) {
        return new WebhookSecrets(jdbc, clock);
    }

    @Bean
    JobStateCounts jobStateCounts(JdbcClient jdbc) {
        return new JobStateCounts(jdbc);
    }

    @Bean
    JobChangeFeed jobChangeFeed(JdbcClient jdbc) {
        return new JobChangeFeed(jdbc);
    }

    @Bean
    ApiKeyStore apiKeyStore(JdbcClient jdbc, Clock clock) {
        return new ApiKeyStore(jdbc, clock);
    }

    @Bean
    JobTypeStore jobTypeStore(JdbcClient jdbc, Clock clock) {
        return new JobTypeStore(jdbc, clock);
    }
}
