/**
 * The warehouse jobs read and write: any JDBC URL (an embedded DuckDB file by default, PostgreSQL
 * works the same), behind its own connection pool that is deliberately not a DataSource bean so it
 * never competes with the job database Boot auto-configures.
 */
package dev.conveyor.worker.warehouse;
