package dev.conveyor.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A job queued behind others for a warehouse connection waits as long as they hold it, however short the pool's own
 * connection timeout: the timeout is for a warehouse that does not answer, not for a busy worker.
 */
class ConnectionTurnsTest {

    private static final Duration POOL_TIMEOUT = Duration.ofMillis(250);

    private HikariDataSource pool;

    @BeforeEach
    void onePooledConnection() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:duckdb:");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(POOL_TIMEOUT.toMillis());
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void a_job_waits_its_turn_longer_than_the_pools_timeout_and_then_gets_the_connection() throws Exception {
        Semaphore turns = ConnectionTurns.forPool(1);
        DataSource inTurn = new ConnectionTurns(pool, turns);
        Connection held = inTurn.getConnection();

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> selectOne(inTurn));
        await().atMost(Duration.ofSeconds(5)).until(turns::hasQueuedThreads);
        await().during(POOL_TIMEOUT.multipliedBy(3)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
        held.close();

        assertThat(waiting.get()).isEqualTo(1);
        assertThat(turns.availablePermits()).as("every turn ended").isEqualTo(1);
    }

    @Test
    void the_pool_alone_fails_a_job_that_waits_longer_than_its_timeout() throws Exception {
        try (Connection held = pool.getConnection()) {
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> selectOne(pool));

            await().atMost(Duration.ofSeconds(5)).until(waiting::isDone);
            assertThatThrownBy(waiting::join).isInstanceOf(CompletionException.class)
                    .hasRootCauseInstanceOf(SQLTransientConnectionException.class);
        }
    }

    @Test
    void a_turn_ends_when_the_warehouse_refuses_the_connection_and_closing_twice_ends_it_once() throws Exception {
        Semaphore turns = ConnectionTurns.forPool(1);
        pool.close();
        DataSource closedPool = new ConnectionTurns(pool, turns);

        assertThatThrownBy(closedPool::getConnection).isInstanceOf(SQLException.class);
        assertThat(turns.availablePermits()).isEqualTo(1);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:duckdb:");
        config.setMaximumPoolSize(1);
        pool = new HikariDataSource(config);
        Connection connection = new ConnectionTurns(pool, turns).getConnection();
        assertThat(turns.availablePermits()).isZero();
        connection.close();
        connection.close();
        assertThat(turns.availablePermits()).isEqualTo(1);
    }

    @Test
    void a_cancelled_job_stops_waiting() throws Exception {
        Semaphore turns = ConnectionTurns.forPool(1);
        DataSource inTurn = new ConnectionTurns(pool, turns);
        try (Connection held = inTurn.getConnection()) {
            CompletableFuture<Throwable> waiting = new CompletableFuture<>();
            Thread job = Thread.ofVirtual().start(() -> {
                try (Connection never = inTurn.getConnection()) {
                    waiting.complete(null);
                } catch (SQLException e) {
                    waiting.complete(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(turns::hasQueuedThreads);
            job.interrupt();

            assertThat(waiting.get()).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(turns.availablePermits()).as("the held turn only").isZero();
        }
    }

    private static int selectOne(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                var statement = connection.createStatement();
                var result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }
}
