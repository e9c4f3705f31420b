package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A bulk submission refused as a whole: too many jobs or params too large (413), unknown types or
 * params failing their schema (422), idempotency keys already used for different jobs (409). The
 * {@code errors} extension names every problem by the job's index, e.g. {@code jobs[7].params.table}.
 */
class JobBatchRejectedException extends ErrorResponseException {

    JobBatchRejectedException(HttpStatus status, String title, List<FieldProblem> problems) {
        super(status, FieldProblem.rejected(status, title, problems), null);
    }
}
