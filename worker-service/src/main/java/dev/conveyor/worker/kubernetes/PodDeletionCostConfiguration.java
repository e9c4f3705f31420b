package dev.conveyor.worker.kubernetes;

import dev.conveyor.worker.execution.ExecutionSlots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("conveyor.worker.pod-deletion-cost.enabled")
class PodDeletionCostConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PodDeletionCostConfiguration.class);

    /**
     * Null (no bean) when the pod cannot be located: a worker never fails to start over an optimisation of
     * scale-downs.
     */
    @Bean(destroyMethod = "close")
    PodDeletionCost podDeletionCost(PodDeletionCostProperties properties, ExecutionSlots slots) {
        OwnPod pod;
        try {
            pod = OwnPod.locate(properties, System.getenv());
        } catch (IllegalStateException e) {
            log.warn("Pod deletion cost is enabled but stays off: {}", e.getMessage());
            return null;
        }
        PodDeletionCost cost = new PodDeletionCost(pod);
        slots.onBusyChange(cost::busyChanged);
        // the current value at once, so a restarted container does not keep its predecessor's cost
        cost.busyChanged(slots.capacity() - slots.free());
        return cost;
    }
}
