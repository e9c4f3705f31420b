package dev.conveyor.worker.warehouse;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data store jobs work on, with its own connection pool. An embedded DuckDB warehouse is confined
 * to the files directory ({@link DuckDbSandbox}). It is deliberately not a
 * {@link DataSource} bean: a second DataSource bean would switch off the auto-configured one the job
 * store uses.
 *
 * <p>On PostgreSQL, {@link #forTenant} gives a tenant's jobs the warehouse as its role and schema
 * ({@code conveyor.warehouse.tenants}), on the same pool.
 */
public final class Warehouse implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Warehouse.class);
    private static final String DUCKDB_PREFIX = "jdbc:duckdb:";

    private final HikariDataSource pool;
    /** Every view of the pool queues here for its connections: see {@link ConnectionTurns}. */
    private final Semaphore turns;
    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Dialect dialect;
    private final Path filesDirectory;
    private final Map<String, WarehouseProperties.TenantRole> tenantRoles;
    private final boolean requireTenantMapping;
    /** One view per mapped tenant, made when its first job asks; bounded by the configuration. */
    private final Map<String, Warehouse> tenantViews = new ConcurrentHashMap<>();
    /** What a tenant without a mapping gets: this warehouse, or a view that only resets its connections. */
    private final Warehouse unmapped;
    /** False for a tenant's view, which shares the pool and must not close it. */
    private final boolean ownsPool;

    public Warehouse(WarehouseProperties properties) {
        this.dialect = Dialect.of(properties.url());
        this.filesDirectory = Path.of(properties.filesDirectory() == null || properties.filesDirectory().isBlank()
                ? "" : properties.filesDirectory()).toAbsolutePath().normalize();
        createDuckDbDirectory(properties.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        if (dialect == Dialect.DUCKDB) {
            config.setDataSource(new DuckDbSandbox(properties.url(), filesDirectory));
            config.setConnectionInitSql(DuckDbSandbox.CHECK);
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        config.setMaximumPoolSize(properties.maxPoolSize());
        // the pool is filled on demand, so a worker that runs no sql jobs holds no warehouse connections
        config.setMinimumIdle(0);
        this.pool = new HikariDataSource(config);
        this.turns = ConnectionTurns.forPool(properties.maxPoolSize());
        this.dataSource = new ConnectionTurns(pool, turns);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        // DuckDB has no roles; its sandbox confines every tenant alike
        if (dialect != Dialect.POSTGRESQL && (!properties.tenants().isEmpty() || properties.requireTenantMapping())) {
            log.info("conveyor.warehouse.tenants and require-tenant-mapping apply to PostgreSQL warehouses only;"
                    + " this {} warehouse ignores them", dialect);
        }
        this.tenantRoles = dialect == Dialect.POSTGRESQL ? properties.tenants() : Map.of();
        this.requireTenantMapping = dialect == Dialect.POSTGRESQL && properties.requireTenantMapping();
        this.ownsPool = true;
        // once any tenant has a role, no tenant's session state may reach the next job, not even the warehouse user's
        this.unmapped = tenantRoles.isEmpty() ? this : new Warehouse(this, null);
    }

    /**
     * {@code base} as one tenant sees it: the same pool, every connection in the tenant's role and schema
     * (or the warehouse user's when {@code tenant} is null), reset before it returns to the pool.
     */
    private Warehouse(Warehouse base, WarehouseProperties.TenantRole tenant) {
        this.pool = base.pool;
        this.turns = base.turns;
        this.dataSource = new ConnectionTurns(new TenantSession(base.pool, tenant, base.pool::evictConnection), turns);
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = base.dialect;
        this.filesDirectory = base.filesDirectory;
        this.tenantRoles = Map.of();
        this.requireTenantMapping = false;
        this.unmapped = this;
        this.ownsPool = false;
    }

    /**
     * The warehouse as {@code tenant}'s jobs must use it. On PostgreSQL with the tenant in
     * {@code conveyor.warehouse.tenants}: every statement runs as its role with its schema as the search
     * path, and each connection is reset ({@code DISCARD ALL}) before it returns to the pool. A tenant
     * without a mapping runs as the warehouse user (its connections reset too once any tenant is mapped);
     * on other warehouses every tenant gets this warehouse as it is.
     *
     * @throws TenantNotMappedException when the tenant has no mapping and
     *         {@code conveyor.warehouse.require-tenant-mapping} is set
     */
    public Warehouse forTenant(String tenant) {
        WarehouseProperties.TenantRole role = tenant == null ? null : tenantRoles.get(tenant);
        if (role == null) {
            if (requireTenantMapping) {
                throw new TenantNotMappedException(tenant);
            }
            return unmapped;
        }
        return tenantViews.computeIfAbsent(tenant, any -> new Warehouse(this, role));
    }

    /**
     * A file path from a job's params, relative paths resolved against
     * {@code conveyor.warehouse.files-directory}; empty when it leads outside that directory, by an
     * absolute path, {@code ..} or a symbolic link on the way.
     */
    public Optional<Path> confined(String path) {
        Path candidate = filesDirectory.resolve(path).toAbsolutePath().normalize();
        if (!candidate.startsWith(filesDirectory)) {
            return Optional.empty();
        }
        try {
            return realLocation(candidate).startsWith(realLocation(filesDirectory))
                    ? Optional.of(candidate) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where a path really leads: its deepest existing ancestor with links followed, plus the rest. */
    private static Path realLocation(Path path) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        return existing.toRealPath().resolve(existing.relativize(path));
    }

    /** Where relative paths resolve, and the only directory an embedded DuckDB warehouse may touch. */
    public Path filesDirectory() {
        return filesDirectory;
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
        if (ownsPool) {
            pool.close();
        }
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
