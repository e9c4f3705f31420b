package dev.conveyor.worker.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.support.WarehouseContract;
import dev.conveyor.worker.support.Warehouses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the check handler promises on every warehouse; each database subclasses it. */
abstract class CheckHandlerContract extends WarehouseContract {

    private final CheckHandler handler = new CheckHandler();

    @BeforeEach
    void createTables() {
        Warehouses.sql(warehouse).execute("CREATE TABLE clean (id INTEGER, region VARCHAR(20), amount NUMERIC(10, 2))");
        Warehouses.sql(warehouse).execute("INSERT INTO clean VALUES (1, 'north', 10.5), (2, 'south', 20), (3, 'east', 5)");
        Warehouses.sql(warehouse).execute("CREATE TABLE dirty (id INTEGER, region VARCHAR(20), amount NUMERIC(10, 2))");
        // id 2 three times, one NULL region, one unknown region, one negative amount; the NULL id is not a duplicate
        Warehouses.sql(warehouse).execute("INSERT INTO dirty VALUES (1, 'north', 10), (2, 'south', 20), (2, 'south', 1),"
                + " (2, NULL, 3), (NULL, 'mars', -4), (NULL, 'east', 6)");
    }

    private static List<Map<String, Object>> allFive() {
        return List.of(
                Map.of("name", "some rows", "type", "row_count", "min", 1, "max", 4),
                Map.of("type", "not_null", "columns", List.of("id", "region")),
                Map.of("type", "unique", "columns", List.of("id")),
                Map.of("type", "accepted_values", "column", "region", "values", List.of("north", "south", "east", "west")),
                Map.of("name", "no negative amounts", "type", "custom", "sql", "SELECT * FROM %s WHERE amount < 0;"));
    }

    @Test
    void passes_when_every_assertion_holds() throws Exception {
        Map<String, Object> result = check("clean", allFive());

        assertThat(result).containsEntry("table", "clean").containsEntry("passed", true);
        assertThat(assertions(result)).extracting(a -> a.get("name")).containsExactly("some rows", "not_null id, region",
                "unique id", "accepted_values region", "no negative amounts");
        assertThat(assertions(result)).allSatisfy(a -> assertThat(a).containsEntry("passed", true)
                .containsEntry("failingCount", 0L));
    }

    @Test
    void fails_for_good_with_every_count_and_a_one_line_summary() {
        Throwable failure = catchThrowable(() -> check("dirty", allFive()));

        assertThat(failure).isInstanceOf(NonRetryableJobException.class).hasMessage("5 of 5 assertions failed: "
                + "some rows (6 rows, expected 1 to 4), not_null id, region (3 rows), unique id (3 rows), "
                + "accepted_values region (2 rows), no negative amounts (1 rows)");
        Map<String, Object> result = ((NonRetryableJobException) failure).result();
        assertThat(result).containsEntry("passed", false);
        assertThat(assertions(result)).extracting(a -> a.get("failingCount")).containsExactly(2L, 3L, 3L, 2L, 1L);
        assertThat(assertions(result)).allSatisfy(a -> assertThat(a).containsEntry("passed", false));
    }

    @Test
    void accepts_null_when_the_list_holds_null_and_compares_numbers_as_text() throws Exception {
        ArrayList<Object> regions = new ArrayList<>(List.of("north", "south", "east", "mars"));
        regions.add(null);

        Map<String, Object> result = check("dirty", List.of(
                Map.of("type", "accepted_values", "column", "region", "values", regions),
                Map.of("type", "row_count", "min", 6)));
        Throwable numbers = catchThrowable(() -> check("dirty", List.of(
                Map.of("type", "accepted_values", "column", "id", "values", List.of(1, 2)))));

        assertThat(result).containsEntry("passed", true);
        // only the two NULL ids fail: NULL is not accepted unless listed
        assertThat(numbers).hasMessage("1 of 1 assertions failed: accepted_values id (2 rows)");
    }

    @Test
    void rejects_unknown_assertion_types_and_bad_columns() {
        assertThat(catchThrowable(() -> check("clean", List.of(Map.of("type", "fuzzy")))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("params.assertions[0].type");
        assertThat(catchThrowable(() -> check("clean", List.of(Map.of("type", "not_null", "columns", List.of("a b"))))))
                .isInstanceOf(NonRetryableJobException.class).hasMessageContaining("params.assertions[0].columns[0]");
    }

    @Test
    void cancelling_stops_a_long_custom_assertion() {
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> cancellation.cancel(Cancellation.Reason.REQUESTED));

        Throwable failure = catchThrowable(() -> handler.execute(Warehouses.context(warehouse, "check",
                Map.of("table", "clean", "assertions", List.of(Map.of("type", "custom", "sql", slowQuery()))),
                cancellation)));

        assertThat(failure).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private Map<String, Object> check(String table, List<Map<String, Object>> assertions) throws Exception {
        List<Map<String, Object>> resolved = assertions.stream().map(a -> a.get("sql") instanceof String sql
                ? Map.<String, Object>of("name", a.get("name"), "type", "custom", "sql", sql.formatted(table)) : a).toList();
        return handler.execute(Warehouses.context(warehouse, "check", Map.of("table", table, "assertions", resolved),
                new Cancellation()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> assertions(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.getOrDefault("assertions", List.of());
    }
}
