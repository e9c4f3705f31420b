package dev.conveyor.worker.warehouse;

/**
 * A job of a tenant without a role and schema asked for a PostgreSQL warehouse that requires one
 * ({@code conveyor.warehouse.require-tenant-mapping}): configuration, not another attempt, fixes it.
 */
public final class TenantNotMappedException extends RuntimeException {

    TenantNotMappedException(String tenant) {
        super("tenant " + tenant + " has no warehouse role (conveyor.warehouse.tenants." + tenant
                + ".role and .schema) and conveyor.warehouse.require-tenant-mapping is set");
    }
}
