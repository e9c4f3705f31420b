package dev.conveyor.frontend.manifest;

import dev.conveyor.common.manifest.ManifestState;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.repository.Repository;

/** How the API reads manifests: by id within a tenant, by idempotency key, and as a keyset-paged listing. */
interface ManifestRepository extends Repository<ManifestEntity, UUID>, JpaSpecificationExecutor<ManifestEntity> {

    Optional<ManifestEntity> findByIdAndTenant(UUID id, String tenant);

    Optional<ManifestEntity> findByTenantAndIdempotencyKey(String tenant, String idempotencyKey);

    /**
     * The manifest listing: a tenant's manifests, in {@code state} when given. The state is the manifest row's
     * column, which the scheduler keeps up to date as it finishes (and the API reopens) manifests: deriving it from
     * every manifest's jobs would make a page cost as much as all the jobs behind it. Only the filters given become
     * conditions, so each shape uses its index (manifest_list, manifest_list_by_state).
     */
    static PredicateSpecification<ManifestEntity> listed(String tenant, ManifestState state) {
        PredicateSpecification<ManifestEntity> listed = (manifest, builder) ->
                builder.equal(manifest.get("tenant"), tenant);
        return state == null ? listed : listed.and((manifest, builder) -> builder.equal(manifest.get("state"), state));
    }
}
