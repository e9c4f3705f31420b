package dev.conveyor.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys, looked up by the hash of the key a request presents. The key itself is never stored. */
public class ApiKeyStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ApiKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public ApiKey create(String name, String tenant, Set<String> roles, byte[] keyHash, Instant expiresAt) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO conveyor.api_key (id, name, tenant, roles, key_hash, created_at, expires_at)
                        VALUES (:id, :name, :tenant, :roles, :hash, :now, :expiresAt)
                        """)
                .param("id", id)
                .param("name", name)
                .param("tenant", tenant)
                .param("roles", SqlArrays.of("text", roles.toArray()))
                .param("hash", keyHash)
                .param("now", Timestamps.of(now))
                .param("expiresAt", Timestamps.of(expiresAt))
                .update();
        return new ApiKey(id, name, tenant, Set.copyOf(roles), now, null, expiresAt, null);
    }

    /** The key with this hash, revoked or expired ones included (the caller decides what they answer). */
    public Optional<ApiKey> findByHash(byte[] keyHash) {
        return jdbc.sql("SELECT * FROM conveyor.api_key WHERE key_hash = :hash").param("hash", keyHash)
                .query(ApiKeyStore::map).optional();
    }

    public Optional<ApiKey> find(UUID id) {
        return jdbc.sql("SELECT * FROM conveyor.api_key WHERE id = :id").param("id", id).query(ApiKeyStore::map)
                .optional();
    }

    /** Every key, newest first. */
    public List<ApiKey> findAll() {
        return jdbc.sql("SELECT * FROM conveyor.api_key ORDER BY created_at DESC, id DESC").query(ApiKeyStore::map)
                .list();
    }

    /** False when there is no such key or it was already revoked. */
    public boolean revoke(UUID id) {
        return jdbc.sql("UPDATE conveyor.api_key SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .param("id", id)
                .param("now", Timestamps.of(clock.instant()))
                .update() == 1;
    }

    /**
     * Records a use unless one was recorded less than {@code resolution} ago, so a busy key writes its row
     * about once per resolution however many replicas serve it, not once per request.
     */
    public boolean recordUse(UUID id, Duration resolution) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE conveyor.api_key SET last_used_at = :now
                         WHERE id = :id AND (last_used_at IS NULL OR last_used_at <= :staleBefore)
                        """)
                .param("id", id)
                .param("now", Timestamps.of(now))
                .param("staleBefore", Timestamps.of(now.minus(resolution)))
                .update() == 1;
    }

    private static ApiKey map(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("tenant"),
                Set.of((String[]) roles.getArray()), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "expires_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
