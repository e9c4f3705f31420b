package dev.conveyor.observability;

/** How the services write log lines to the console. */
public enum LogFormat {

    /** {@code key=value} pairs on one line: readable in a terminal and still parseable. */
    LOGFMT(LogfmtFormatter.class.getName()),

    /** One JSON object per line (Spring Boot's Logstash layout), for containers and log shippers. */
    JSON("logstash");

    private final String structuredFormat;

    LogFormat(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    /** The value of {@code logging.structured.format.console} that selects this format. */
    String structuredFormat() {
        return structuredFormat;
    }
}
