package dev.conveyor.worker.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data store jobs work on, with its own connection pool. It is deliberately not a
 * {@link DataSource} bean: a second DataSource bean would switch off the auto-configured one the job
 * store uses.
 */
public final class Warehouse implements AutoCloseable {

    private static final String DUCKDB_PREFIX = "jdbc:duckdb:";

    private final HikariDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Dialect dialect;
    private final Path filesDirectory;

    public Warehouse(WarehouseProperties properties) {
        this.dialect = Dialect.of(properties.url());
        this.filesDirectory = Path.of(properties.filesDirectory() == null || properties.filesDirectory().isBlank()
                ? "" : properties.filesDirectory()).toAbsolutePath().normalize();
        createDuckDbDirectory(properties.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maxPoolSize());
        // the pool is filled on demand, so a worker that runs no sql jobs holds no warehouse connections
        config.setMinimumIdle(0);
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** A file path from a job's params: relative paths resolve against {@code conveyor.warehouse.files-directory}. */
    public Path resolve(String path) {
        return filesDirectory.resolve(path).toAbsolutePath().normalize();
    }

    /** Statements with named {@code :parameters}, bound, never concatenated. */
    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs work in one warehouse transaction; the templates above join it. */
    public TransactionTemplate transactions() {
        return transactions;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** DuckDB creates the file but not its directory; a fresh checkout has no {@code ./data}. */
    static void createDuckDbDirectory(String url) {
        if (!url.startsWith(DUCKDB_PREFIX)) {
            return;
        }
        String path = url.substring(DUCKDB_PREFIX.length());
        int options = path.indexOf('?');
        if (options >= 0) {
            path = path.substring(0, options);
        }
        if (path.isBlank() || path.startsWith(":memory:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the warehouse directory " + parent, e);
            }
        }
    }
}
