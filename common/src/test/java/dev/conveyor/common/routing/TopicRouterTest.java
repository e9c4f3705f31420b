package dev.conveyor.common.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRouterTest {

    @Test
    void routes_by_convention_without_configuration() {
        assertThat(new TopicRouter(Map.of()).topicFor("default", "sql")).isEqualTo("conveyor.jobs.sql");
    }

    @Test
    void a_type_route_sends_every_tenant_to_its_topic() {
        TopicRouter router = new TopicRouter(Map.of("sql", "warehouse.heavy"));

        assertThat(router.topicFor("default", "sql")).isEqualTo("warehouse.heavy");
        assertThat(router.topicFor("acme", "sql")).isEqualTo("warehouse.heavy");
        assertThat(router.topicFor("acme", "noop")).isEqualTo("conveyor.jobs.noop");
    }

    @Test
    void a_tenant_route_wins_over_the_type_route() {
        TopicRouter router = new TopicRouter(Map.of("sql", "warehouse.heavy", "acme.sql", "acme.jobs.sql"));

        assertThat(router.topicFor("acme", "sql")).isEqualTo("acme.jobs.sql");
        assertThat(router.topicFor("globex", "sql")).isEqualTo("warehouse.heavy");
    }

    @Test
    void null_routes_mean_convention() {
        assertThat(new TopicRouter(null).topicFor("default", "load")).isEqualTo("conveyor.jobs.load");
    }
}
