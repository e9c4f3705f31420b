package dev.conveyor.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what happened from Conveyor's tables after a mode: this is measurement, not driving (jobs
 * are only ever submitted through the API). Each mode's jobs belong to a tenant of its own.
 */
final class JobStoreReader {

    private final BenchDatabase database;
    private final String databaseName;

    JobStoreReader(BenchDatabase database, String databaseName) {
        this.database = database;
        this.databaseName = databaseName;
    }

    /** One job's times and the number of times a worker took it (RUNNING entries in its history). */
    record JobRow(String state, int attempt, Instant created, Instant started, Instant finished, int runs) {
    }

    /**
     * Waits until every job of the tenant is finished (or the deadline passes), polling a count.
     * @return how many are finished
     */
    long awaitFinished(String tenant, long expected, long timeoutMillis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Connection connection = database.connect(databaseName);
                PreparedStatement count = connection.prepareStatement("""
                        SELECT count(*) FROM conveyor.job
                         WHERE tenant = ? AND state IN ('SUCCEEDED', 'FAILED', 'CANCELLED', 'SKIPPED')
                        """)) {
            count.setString(1, tenant);
            long finished = 0;
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    finished = rows.getLong(1);
                }
                if (finished >= expected) {
                    return finished;
                }
                // only notices the end: the times measured come from the rows, not from this loop
                Thread.sleep(500);
            }
            return finished;
        }
    }

    /** Waits until none of the tenant's jobs is still SUBMITTED (the scheduler dispatched them all). */
    long awaitDispatched(String tenant, long timeoutMillis) throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        try (Connection connection = database.connect(databaseName);
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM conveyor.job WHERE tenant = ? AND state = 'SUBMITTED'")) {
            count.setString(1, tenant);
            long waiting = Long.MAX_VALUE;
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    waiting = rows.getLong(1);
                }
                if (waiting == 0) {
                    return 0;
                }
                Thread.sleep(250);
            }
            return waiting;
        }
    }

    Map<String, JobRow> jobs(String tenant) throws SQLException {
        Map<String, JobRow> jobs = new HashMap<>();
        try (Connection connection = database.connect(databaseName);
                PreparedStatement query = connection.prepareStatement("""
                        SELECT j.id::text, j.state, j.attempt, j.created_at, j.started_at, j.finished_at,
                               (SELECT count(*) FROM conveyor.job_event e
                                 WHERE e.job_id = j.id AND e.to_state = 'RUNNING') AS runs
                          FROM conveyor.job j
                         WHERE j.tenant = ?
                        """)) {
            query.setString(1, tenant);
            query.setFetchSize(10_000);
            connection.setAutoCommit(false);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.put(rows.getString(1), new JobRow(rows.getString(2), rows.getInt(3), instant(rows, 4),
                            instant(rows, 5), instant(rows, 6), rows.getInt(7)));
                }
            }
            connection.commit();
        }
        return jobs;
    }

    /** How many of the tenant's jobs each worker took, and when each took its first. */
    record WorkerShare(String worker, long jobs, Instant firstStart) {
    }

    List<WorkerShare> shares(String tenant) throws SQLException {
        List<WorkerShare> shares = new java.util.ArrayList<>();
        try (Connection connection = database.connect(databaseName);
                PreparedStatement query = connection.prepareStatement("""
                        SELECT e.worker, count(*), min(e.at)
                          FROM conveyor.job_event e JOIN conveyor.job j ON j.id = e.job_id
                         WHERE j.tenant = ? AND e.to_state = 'RUNNING'
                         GROUP BY e.worker ORDER BY e.worker
                        """)) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    shares.add(new WorkerShare(rows.getString(1), rows.getLong(2), instant(rows, 3)));
                }
            }
        }
        return shares;
    }

    /** Every accepted id must be SUCCEEDED on its first attempt, taken by a worker exactly once. */
    static ModeResult.Integrity check(List<String> accepted, Map<String, JobRow> jobs) {
        Set<String> ids = new HashSet<>(accepted);
        int lost = 0;
        int notSucceeded = 0;
        int twice = 0;
        for (String id : ids) {
            JobRow job = jobs.get(id);
            if (job == null) {
                lost++;
            } else if (!job.state().equals("SUCCEEDED")) {
                notSucceeded++;
            } else if (job.attempt() != 1 || job.runs() != 1) {
                twice++;
            }
        }
        int duplicatesInAnswers = accepted.size() - ids.size();
        int unexpected = duplicatesInAnswers + (int) jobs.keySet().stream().filter(id -> !ids.contains(id)).count();
        return new ModeResult.Integrity(lost, notSucceeded, twice, unexpected);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
