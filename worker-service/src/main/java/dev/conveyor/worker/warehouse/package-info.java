/**
 * The warehouse jobs read and write: any JDBC URL (an embedded DuckDB file by default, PostgreSQL
 * works the same), behind its own connection pool that is deliberately not a DataSource bean so it
 * never competes with the job database Boot auto-configures. On PostgreSQL each tenant's jobs can run
 * as a role and schema of their own ({@link dev.conveyor.worker.warehouse.Warehouse#forTenant}), on
 * connections reset before they return to the pool.
 */
package dev.conveyor.worker.warehouse;
