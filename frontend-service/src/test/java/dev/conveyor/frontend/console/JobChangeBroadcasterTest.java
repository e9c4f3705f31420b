package dev.conveyor.frontend.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.store.JobChangeFeed;
import dev.conveyor.store.MigratedDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

class JobChangeBroadcasterTest {

    /** An emitter that keeps what it is sent instead of writing it to a response. */
    static final class RecordingEmitter extends SseEmitter {

        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(SseEventBuilder event) {
            StringBuilder text = new StringBuilder();
            for (var part : event.build()) {
                text.append(part.getData());
            }
            sent.add(text.toString());
        }

        @Override
        public void send(Object object, MediaType mediaType) {
            sent.add(String.valueOf(object));
        }
    }

    private final PGSimpleDataSource database = MigratedDatabase.create();
    private final JobChangeBroadcaster broadcaster = new JobChangeBroadcaster(
            new JobChangeFeed(JdbcClient.create(database)),
            new ConsoleProperties(Duration.ofMillis(100), Duration.ofMinutes(1)), JsonMapper.builder().build(),
            Clock.systemUTC());

    @Test
    void sends_a_change_whose_transaction_commits_after_a_later_one_was_read() throws Exception {
        RecordingEmitter emitter = new RecordingEmitter();
        broadcaster.subscribe("acme", emitter);
        UUID late = UUID.randomUUID();
        UUID early = UUID.randomUUID();
        UUID otherTenant = UUID.randomUUID();

        try (Connection open = database.getConnection()) {
            open.setAutoCommit(false);
            // takes the smaller history id but commits last
            insertJobWithEvent(open, late, "acme");
            try (Connection committed = database.getConnection()) {
                insertJobWithEvent(committed, early, "acme");
                insertJobWithEvent(committed, otherTenant, "globex");
            }
            broadcaster.poll();
            assertThat(String.join("\n", emitter.sent)).contains(early.toString()).doesNotContain(late.toString());
            open.commit();
        }
        broadcaster.poll();

        assertThat(String.join("\n", emitter.sent)).contains(early.toString(), late.toString())
                .doesNotContain(otherTenant.toString());
        assertThat(emitter.sent.getFirst()).contains("ready");
    }

    private static void insertJobWithEvent(Connection connection, UUID id, String tenant) throws SQLException {
        try (PreparedStatement job = connection.prepareStatement("""
                INSERT INTO conveyor.job (id, tenant, type, state, created_at, updated_at)
                VALUES (?, ?, 'noop', 'SUBMITTED', now(), now())""");
             PreparedStatement event = connection.prepareStatement("""
                INSERT INTO conveyor.job_event (job_id, to_state, attempt, at) VALUES (?, 'SUBMITTED', 0, now())""")) {
            job.setObject(1, id);
            job.setString(2, tenant);
            job.executeUpdate();
            event.setObject(1, id);
            event.executeUpdate();
        }
    }
}
