package dev.conveyor.frontend.webhook;

import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** The deliveries of one job or manifest, newest first (webhook_delivery_by_job, webhook_delivery_by_manifest). */
interface WebhookDeliveryRepository extends Repository<WebhookDeliveryEntity, UUID>,
        JpaSpecificationExecutor<WebhookDeliveryEntity> {

    /** @param target {@code jobId} or {@code manifestId} */
    static PredicateSpecification<WebhookDeliveryEntity> of(String tenant, String target, UUID id) {
        return (delivery, builder) -> builder.and(builder.equal(delivery.get("tenant"), tenant),
                builder.equal(delivery.get(target), id));
    }
}
