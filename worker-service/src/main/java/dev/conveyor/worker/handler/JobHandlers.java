package dev.conveyor.worker.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** The handlers this worker carries, by type. Two handlers for one type is a start-up error. */
@Component
public class JobHandlers {

    private final Map<String, JobHandler> byType = new TreeMap<>();

    public JobHandlers(List<JobHandler> handlers) {
        for (JobHandler handler : handlers) {
            JobHandler previous = byType.putIfAbsent(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for job type " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
    }

    public Optional<JobHandler> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** Sorted, so topic lists and logs are stable. */
    public Set<String> types() {
        return byType.keySet();
    }

    public List<JobHandler> all() {
        return List.copyOf(byType.values());
    }
}
