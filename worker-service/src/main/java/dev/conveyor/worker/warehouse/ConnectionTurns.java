package dev.conveyor.worker.warehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Hands out the warehouse pool's connections in turn. A worker runs many more jobs at once than its pool has
 * connections (its slots are cheap virtual threads, and jobs mostly wait), so a job may wait for a connection far
 * longer than the pool's connection timeout without anything being wrong: it is merely queued behind the jobs
 * that hold the connections. Jobs therefore wait here, first come first served and without a time limit, for one of
 * {@code maxPoolSize} turns; only a job whose turn has come asks the pool, whose timeout then means what it should,
 * that the warehouse does not answer. A turn ends when the job closes its connection.
 */
final class ConnectionTurns extends DelegatingDataSource {

    private final Semaphore turns;

    /** @param turns shared by every view of one pool ({@link #forPool}) */
    ConnectionTurns(DataSource target, Semaphore turns) {
        super(target);
        this.turns = turns;
    }

    /** The turns of a pool of {@code maxPoolSize} connections, handed out in the order they were asked for. */
    static Semaphore forPool(int maxPoolSize) {
        return new Semaphore(maxPoolSize, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            // a cancelled job stops waiting
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a warehouse connection");
        }
        Connection connection;
        try {
            connection = obtainTargetDataSource().getConnection();
        } catch (SQLException | RuntimeException | Error e) {
            turns.release();
            throw e;
        }
        AtomicBoolean ended = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "close" -> {
                        try {
                            connection.close();
                        } finally {
                            if (ended.compareAndSet(false, true)) {
                                turns.release();
                            }
                        }
                        yield null;
                    }
                    case "equals" -> proxy == arguments[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "warehouse connection in turn: " + connection;
                    default -> {
                        try {
                            yield method.invoke(connection, arguments);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("warehouse connections are the pool's");
    }
}
