package dev.conveyor.store;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The manifest listing: keyset pagination on (created_at, id), newest first, like the job listing.
 * The state filter reads the manifest row's {@code state} column, which the scheduler keeps up to
 * date as it finishes (and the API reopens) manifests: deriving the state from every manifest's jobs
 * would make a page cost as much as all the jobs behind it. The query is assembled from the filters
 * given so each shape uses its index (manifest_list, manifest_list_by_state).
 */
public class ManifestReads {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    public ManifestReads(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Up to {@code limit} manifests of {@code tenant} after {@code after} (null: from the newest).
     *
     * @param state only manifests in this state, or null for all
     */
    public List<ManifestListEntry> list(String tenant, String state, Keyset after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT id, name, state, labels, created_at, finished_at FROM conveyor.manifest WHERE tenant = :tenant""");
        if (state != null) {
            sql.append(" AND state = :state");
        }
        if (after != null) {
            sql.append(" AND (created_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString())
                .param("tenant", tenant)
                .param("limit", limit);
        if (state != null) {
            statement = statement.param("state", state);
        }
        if (after != null) {
            statement = statement.param("afterAt", Timestamps.of(after.at())).param("afterId", after.id());
        }
        return statement.query((rs, row) -> new ManifestListEntry(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("state"),
                        JobRowMapper.instant(rs, "created_at"),
                        JobRowMapper.instant(rs, "finished_at"),
                        json.readLabels(rs.getString("labels"))))
                .list();
    }
}
