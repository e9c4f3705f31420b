package dev.conveyor.common.routing;

import java.util.Map;
import java.util.Objects;

/**
 * Chooses the typed topic a job is dispatched to. Routes are configuration: a key is either a job
 * type ({@code sql}) or a tenant and a type ({@code acme.sql}), and the tenant-specific key wins.
 * Without a route, a job goes to {@code conveyor.jobs.<type>}.
 */
public record TopicRouter(Map<String, String> routes) {

    public TopicRouter {
        routes = Map.copyOf(Objects.requireNonNullElse(routes, Map.of()));
    }

    public String topicFor(String tenant, String jobType) {
        String tenantRoute = routes.get(tenant + "." + jobType);
        if (tenantRoute != null) {
            return tenantRoute;
        }
        return routes.getOrDefault(jobType, Topics.typed(jobType));
    }
}
