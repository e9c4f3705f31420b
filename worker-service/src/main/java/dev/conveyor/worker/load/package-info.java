/**
 * The {@code load} job type: a CSV or Parquet file, local or downloaded from an http(s) URL, into a
 * warehouse table, replacing it (the default) or appending by column name. On DuckDB one statement
 * reads the file ({@code CREATE OR REPLACE TABLE ... AS SELECT * FROM read_csv/read_parquet}). On
 * PostgreSQL an in-memory DuckDB reads it, so column types are inferred the same way (integers to
 * {@code bigint}, decimals to {@code numeric}, dates, timestamps and booleans to theirs, the rest
 * {@code text}), and writes plain CSV that {@code COPY ... FROM STDIN} streams into the table in one
 * transaction; Parquet works on both. Every statement, and the COPY, is cancelled on the server when
 * the attempt is cancelled or times out. The result is {@code {"table", "rowCount"}}.
 */
package dev.conveyor.worker.load;
