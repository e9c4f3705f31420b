package dev.conveyor.frontend.security;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A tenant submitted faster than its quota allows: 429 with the seconds until the jobs would fit. */
class SubmissionRateExceededException extends ErrorResponseException {

    SubmissionRateExceededException(String tenant, Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(tenant), null);
        // whole seconds, rounded up, and never 0: a client that retries at once would only be refused again
        long seconds = Math.max(1, (retryAfter.toNanos() + 999_999_999L) / 1_000_000_000L);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }

    private static ProblemDetail problem(String tenant) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Tenant '" + tenant + "' submits jobs faster than its quota allows; retry after Retry-After seconds");
        problem.setTitle("Too Many Requests");
        return problem;
    }
}
