package dev.conveyor.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * Binds a Java array as a PostgreSQL array parameter ({@code uuid[]}, {@code int4[]}, {@code text[]}),
 * so one statement can act on a whole batch through {@code = ANY(:ids)} or {@code unnest(...)}.
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static AbstractSqlTypeValue of(String elementType, Object[] values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.createArrayOf(elementType, values);
            }
        };
    }
}
