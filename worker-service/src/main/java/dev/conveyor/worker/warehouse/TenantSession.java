package dev.conveyor.worker.warehouse;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A tenant's view of the PostgreSQL warehouse pool: every connection it hands out has been switched to
 * the tenant's role and schema ({@code SET ROLE}, {@code SET search_path}), and is reset with
 * {@code DISCARD ALL} when the job closes it, before it returns to the pool. The reset also drops
 * whatever else the job's SQL left on the session (settings, a role it switched to itself, temporary
 * tables, prepared statements, advisory locks), so nothing of one job reaches the next. Without a role
 * (a tenant with no mapping) the connection is only reset.
 *
 * <p>The switch is session-wide rather than {@code SET LOCAL} in a transaction because handlers work
 * both ways: {@code sql} in one transaction, {@code check} and {@code export} in autocommit, a
 * PostgreSQL {@code load} commits and then goes on with the connection. A session setting covers every
 * statement on the connection for as long as the job holds it. A connection whose reset fails is
 * evicted from the pool instead, so the next job never gets a connection in another tenant's role.
 */
final class TenantSession extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(TenantSession.class);
    /** pgjdbc notices it and forgets its server-side prepared statements, which this drops. */
    private static final String RESET = "DISCARD ALL";

    private final String switchTo;
    private final Consumer<Connection> evict;

    /**
     * @param tenant the role and schema to switch to; null to stay the warehouse user
     * @param evict takes a pooled connection out of the pool for good
     */
    TenantSession(DataSource pool, WarehouseProperties.TenantRole tenant, Consumer<Connection> evict) {
        super(pool);
        this.switchTo = tenant == null ? null : "SET ROLE " + SqlNames.quotedIdentifier(tenant.role())
                + "; SET search_path TO " + SqlNames.quotedIdentifier(tenant.schema());
        this.evict = evict;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection pooled = obtainTargetDataSource().getConnection();
        try {
            if (switchTo != null) {
                execute(pooled, switchTo);
            }
        } catch (SQLException | RuntimeException e) {
            // a role that does not exist or is not granted: the connection may be half switched
            discard(pooled);
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, arguments) -> invoke(pooled, proxy, method, arguments));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("a tenant's warehouse connections are the pool's");
    }

    private Object invoke(Connection pooled, Object proxy, Method method, Object[] arguments) throws Throwable {
        switch (method.getName()) {
            case "close" -> {
                if (!pooled.isClosed()) {
                    giveBack(pooled);
                }
                return null;
            }
            case "equals" -> {
                return proxy == arguments[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "tenant session on " + pooled;
            }
            default -> {
                try {
                    return method.invoke(pooled, arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
    }

    /** Back to the warehouse user with a fresh session, then to the pool. */
    private void giveBack(Connection pooled) throws SQLException {
        try {
            if (!pooled.getAutoCommit()) {
                // the pool would roll it back anyway; DISCARD ALL cannot run inside a transaction
                pooled.rollback();
                pooled.setAutoCommit(true);
            }
            execute(pooled, RESET);
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not switch a warehouse connection back to the warehouse user; evicting it: {}", e.toString());
            discard(pooled);
            return;
        }
        pooled.close();
    }

    private void discard(Connection pooled) {
        try {
            evict.accept(pooled);
            pooled.close();
        } catch (SQLException | RuntimeException e) {
            log.debug("Closing an evicted warehouse connection failed", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
