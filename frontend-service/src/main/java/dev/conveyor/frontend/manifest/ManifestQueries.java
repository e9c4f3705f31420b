package dev.conveyor.frontend.manifest;

import dev.conveyor.frontend.system.PageCursor;
import dev.conveyor.store.JsonColumns;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The manifest listing: keyset pagination on (created_at, id), newest first, like the job listing.
 * The state filter reads the manifest row's {@code state} column, which the scheduler keeps up to
 * date as it finishes (and the API reopens) manifests: deriving the state from every manifest's jobs
 * would make a page cost as much as all the jobs behind it. The query is assembled from the filters
 * given so each shape uses its index (manifest_list, manifest_list_by_state).
 */
@Repository
class ManifestQueries {

    private final JdbcClient jdbc;
    private final JsonColumns json;

    ManifestQueries(JdbcClient jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Up to {@code limit} manifests after {@code after} (null: from the newest). */
    List<ManifestSummary> list(String tenant, String state, PageCursor after, int limit) {
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
            statement = statement.param("afterAt", Timestamp.from(after.at())).param("afterId", after.id());
        }
        return statement.query((rs, row) -> new ManifestSummary(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("state"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        json.readLabels(rs.getString("labels"))))
                .list();
    }
}
