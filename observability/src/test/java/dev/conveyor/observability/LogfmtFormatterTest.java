package dev.conveyor.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogfmtFormatterTest {

    private final LogfmtFormatter formatter = new LogfmtFormatter();
    private final Logger logger = new LoggerContext().getLogger("dev.conveyor.worker.execution.JobExecutor");

    @Test
    void writes_time_level_logger_thread_and_message_as_one_line() {
        LoggingEvent event = event("Job started", Map.of(), null);
        event.setTimeStamp(1_764_700_000_123L);

        assertThat(formatter.format(event)).isEqualTo("time=2025-12-02T18:26:40.123Z level=INFO"
                + " logger=d.c.worker.execution.JobExecutor thread=main msg=\"Job started\"\n");
    }

    @Test
    void quotes_values_with_spaces_quotes_equals_signs_or_nothing_and_escapes_them() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("plain", "abc-123");
        mdc.put("spaced", "a b");
        mdc.put("quoted", "say \"hi\"");
        mdc.put("equals", "a=b");
        mdc.put("empty", "");
        mdc.put("backslash", "C:\\x");
        mdc.put("lines", "one\ntwo\r\tthree");

        String line = formatter.format(event("m", mdc, null));

        assertThat(line).contains(" plain=abc-123", " spaced=\"a b\"", " quoted=\"say \\\"hi\\\"\"",
                " equals=\"a=b\"", " empty=\"\"", " backslash=\"C:\\\\x\"", " lines=\"one\\ntwo\\r\\tthree\"");
        assertThat(line.indexOf('\n')).as("one event, one line").isEqualTo(line.length() - 1);
    }

    @Test
    void writes_the_job_fields_first_in_a_fixed_order_and_names_the_tracer_ids_like_them() {
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("zeta", "last");
        mdc.put("spanId", "00f067aa0ba902b7");
        mdc.put(JobLogFields.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
        mdc.put("traceId", "ffffffffffffffffffffffffffffffff");
        mdc.put(JobLogFields.ATTEMPT, "2");
        mdc.put(JobLogFields.TYPE, "sql");
        mdc.put(JobLogFields.TENANT, "acme");
        mdc.put(JobLogFields.MANIFEST_ID, "m-1");
        mdc.put(JobLogFields.JOB_ID, "j-1");

        String line = formatter.format(event("m", mdc, null));

        assertThat(line).endsWith(" msg=m job_id=j-1 manifest_id=m-1 tenant=acme type=sql attempt=2"
                + " trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 zeta=last\n");
    }

    @Test
    void writes_the_event_key_value_pairs_after_the_mdc() {
        LoggingEvent event = event("Conveyor is running", Map.of("tenant", "acme"), null);
        event.addKeyValuePair(new KeyValuePair("api", "http://localhost:8080/api/v1/jobs"));
        event.addKeyValuePair(new KeyValuePair("data", "/home/me/my data"));

        assertThat(formatter.format(event)).endsWith(" msg=\"Conveyor is running\" tenant=acme"
                + " api=http://localhost:8080/api/v1/jobs data=\"/home/me/my data\"\n");
    }

    @Test
    void turns_characters_a_key_cannot_hold_into_underscores() {
        assertThat(formatter.format(event("m", Map.of("a key=\"x\"", "v"), null))).endsWith(" a_key__x_=v\n");
    }

    @Test
    void writes_an_exception_with_its_stack_trace_on_the_same_line() {
        String line = formatter.format(event("failed", Map.of(), new IllegalStateException("no \"table\"")));

        assertThat(line).contains(" error=\"java.lang.IllegalStateException: no \\\"table\\\"\\n\\tat ");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    }

    private LoggingEvent event(String message, Map<String, String> mdc, Throwable thrown) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, thrown, null);
        event.setThreadName("main");
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
