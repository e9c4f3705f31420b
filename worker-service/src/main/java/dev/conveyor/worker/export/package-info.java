/**
 * The {@code export} job type: a table or a query to a CSV or Parquet file. DuckDB writes the file
 * with {@code COPY (query) TO}; PostgreSQL streams CSV with {@code COPY (query) TO STDOUT}. Parquet from
 * PostgreSQL is refused with a clear error rather than converted through a typeless CSV round trip.
 * Missing directories are created; rows go to a temporary file in the target's directory that is
 * then renamed over the target, so readers see the old file or the new one, never a partial one.
 * The result is {@code {"path" (absolute), "rowCount", "bytes", "format"}}.
 */
package dev.conveyor.worker.export;
