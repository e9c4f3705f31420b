/**
 * The {@code check} job type: data assertions on one table, each one counting query, all evaluated.
 * {@code row_count} compares the table's rows with {@code min}/{@code max}; {@code not_null} counts
 * rows with a NULL in any listed column; {@code unique} counts rows whose column combination occurs
 * more than once (rows with a NULL in those columns are not compared, as with a UNIQUE constraint);
 * {@code accepted_values} counts rows whose value, compared as text, is not in the list, NULL included
 * unless the list holds {@code null}; {@code custom} runs a query returning offending rows and counts
 * them. The result lists {@code {"name","type","passed","failingCount"}} per assertion plus
 * {@code "passed"}. A failed assertion fails the job for good, with a one-line summary such as
 * {@code 2 of 5 assertions failed: no negative orders (1 rows), accepted_values region (1 rows)} as its
 * error and the full result kept on the job.
 */
package dev.conveyor.worker.check;
