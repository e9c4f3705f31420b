package dev.conveyor.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.testsupport.TestPostgres;
import dev.conveyor.worker.warehouse.Warehouse;
import dev.conveyor.worker.warehouse.WarehouseProperties;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PostgresSqlHandlerTest extends SqlHandlerContract {

    @Override
    protected Warehouse newWarehouse() {
        TestPostgres.Database database = TestPostgres.newDatabase();
        return new Warehouse(new WarehouseProperties(database.jdbcUrl(), database.username(), database.password(), 2, null,
                Map.of(), false));
    }

    @Test
    void cancelling_stops_a_running_statement() {
        Cancellation cancellation = new Cancellation();
        long started = System.nanoTime();
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                .execute(() -> cancellation.cancel(Cancellation.Reason.TIMED_OUT));

        Throwable failure = catchThrowable(() -> handler().execute(
                context(UUID.randomUUID(), Map.of("sql", "SELECT pg_sleep(30)"), cancellation)));

        assertThat(failure).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
