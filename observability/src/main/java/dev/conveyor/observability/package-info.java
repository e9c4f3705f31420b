/**
 * What every service logs and traces alike. {@link dev.conveyor.observability.LogfmtFormatter} writes a log line
 * as logfmt (the default, for people reading a terminal), and {@code conveyor.logging.format=json} switches every
 * service to Spring Boot's JSON structured logging (for containers and log shippers). {@link
 * dev.conveyor.observability.JobLogFields} puts a job's fields into the MDC around the code that handles one job,
 * and {@link dev.conveyor.observability.JobSpans} starts that job's span under the trace context stored on its row,
 * so a job's spans form one trace however the services batched it.
 */
package dev.conveyor.observability;
