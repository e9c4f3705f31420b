package dev.conveyor.observability;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * Writes a log event as one logfmt line: {@code time=... level=INFO logger=d.c.w.e.JobExecutor thread=...
 * msg="..." job_id=... trace_id=...}, then every other MDC entry, then the event's own key-value pairs
 * ({@code log.atInfo().addKeyValue(...)}), then the exception, if any, as {@code error}.
 * A value is quoted when it is empty or holds a space, a quote, an equals sign or a control character; quotes,
 * backslashes and line breaks inside it are escaped, so one event is always one line (a stack trace too).
 *
 * <p>Micrometer Tracing names its MDC entries {@code traceId} and {@code spanId}; they are written as
 * {@code trace_id} and {@code span_id}, the names the job fields use, so one search finds both.
 */
public class LogfmtFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final int LOGGER_LENGTH = 36;
    private static final Map<String, String> RENAMED = Map.of("traceId", JobLogFields.TRACE_ID,
            "spanId", "span_id");

    private final TargetLengthBasedClassNameAbbreviator abbreviator =
            new TargetLengthBasedClassNameAbbreviator(LOGGER_LENGTH);

    @Override
    public String format(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        append(line, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        append(line, "level", event.getLevel().toString());
        append(line, "logger", abbreviator.abbreviate(event.getLoggerName()));
        append(line, "thread", event.getThreadName());
        append(line, "msg", event.getFormattedMessage());
        fields(event.getMDCPropertyMap()).forEach((key, value) -> append(line, key, value));
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(pair -> append(line, pair.key, String.valueOf(pair.value)));
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            append(line, "error", ThrowableProxyUtil.asString(thrown));
        }
        return line.append('\n').toString();
    }

    /** The job fields first, in their fixed order, then the rest by name. */
    private static Map<String, String> fields(Map<String, String> mdc) {
        Map<String, String> named = new TreeMap<>();
        mdc.forEach((key, value) -> {
            String name = RENAMED.getOrDefault(key, key);
            // a job's own trace id (set with its fields) wins over the span that happens to be current
            if (!named.containsKey(name) || !RENAMED.containsKey(key)) {
                named.put(name, value);
            }
        });
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : JobLogFields.KEYS) {
            String value = named.remove(key);
            if (value != null) {
                ordered.put(key, value);
            }
        }
        ordered.putAll(named);
        return ordered;
    }

    private static void append(StringBuilder line, String key, String value) {
        if (value == null) {
            return;
        }
        if (!line.isEmpty()) {
            line.append(' ');
        }
        appendKey(line, key);
        line.append('=');
        appendValue(line, value);
    }

    /** A key is a bare word: anything else becomes an underscore. */
    private static void appendKey(StringBuilder line, String key) {
        if (key.isEmpty()) {
            line.append('_');
            return;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            line.append(c > ' ' && c != '=' && c != '"' && c < 127 ? c : '_');
        }
    }

    private static void appendValue(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < ' ') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 127) {
                return true;
            }
        }
        return false;
    }
}
