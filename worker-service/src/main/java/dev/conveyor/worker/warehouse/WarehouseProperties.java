package dev.conveyor.worker.warehouse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where jobs read and write data: any JDBC URL (an embedded DuckDB file unless configured), and the
 * directory relative file paths of loads and exports resolve against (the working directory unless
 * configured).
 *
 * @param tenants on a PostgreSQL warehouse, tenant -> the role and schema its jobs' SQL runs as and in,
 *        e.g. {@code conveyor.warehouse.tenants.acme.role=acme_jobs}; other warehouses ignore it
 * @param requireTenantMapping on a PostgreSQL warehouse, refuse the warehouse work of a tenant not in
 *        {@code tenants} (it fails for good) instead of running it as the warehouse user
 */
@Validated
@ConfigurationProperties("conveyor.warehouse")
public record WarehouseProperties(
        @DefaultValue("jdbc:duckdb:./data/warehouse.duckdb") @NotBlank String url,
        String username,
        String password,
        @DefaultValue("4") @Min(1) int maxPoolSize,
        String filesDirectory,
        Map<String, @Valid TenantRole> tenants,
        @DefaultValue("false") boolean requireTenantMapping) {

    public WarehouseProperties {
        tenants = tenants == null ? Map.of() : Map.copyOf(tenants);
    }

    /**
     * What a tenant's jobs run as on a PostgreSQL warehouse: a role the warehouse user is a member of
     * (a NOLOGIN role granted to it) and the schema that unqualified names resolve to and new tables go to.
     */
    public record TenantRole(@NotBlank String role, @NotBlank String schema) {
    }
}
