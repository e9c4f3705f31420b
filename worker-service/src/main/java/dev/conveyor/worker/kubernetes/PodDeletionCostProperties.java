package dev.conveyor.worker.kubernetes;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a worker reaches its own pod in the Kubernetes API. Inside a cluster only {@code enabled} is needed: the
 * rest comes from what Kubernetes gives every pod.
 *
 * @param enabled whether busy workers set {@code controller.kubernetes.io/pod-deletion-cost} on their pod
 * @param apiServer the API server's base URL; none: {@code https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT}
 * @param serviceAccountDirectory where the pod's service-account {@code token}, {@code ca.crt} and
 *        {@code namespace} are mounted
 * @param podName the pod's name; none: {@code $POD_NAME} (the downward API)
 * @param namespace the pod's namespace; none: {@code $POD_NAMESPACE}, else the service account's namespace file
 * @param requestTimeout the longest one PATCH may take
 */
@Validated
@ConfigurationProperties("conveyor.worker.pod-deletion-cost")
public record PodDeletionCostProperties(
        @DefaultValue("false") boolean enabled,
        URI apiServer,
        @DefaultValue("/var/run/secrets/kubernetes.io/serviceaccount") @NotNull Path serviceAccountDirectory,
        String podName,
        String namespace,
        @DefaultValue("5s") @NotNull Duration requestTimeout) {
}
