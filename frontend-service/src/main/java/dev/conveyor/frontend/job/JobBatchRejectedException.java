package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A bulk submission refused as a whole: too many jobs or params too large (413), unknown types or
 * params failing their schema (422), idempotency keys already used for different jobs (409). The
 * {@code errors} extension names every problem by the job's index, e.g. {@code jobs[7].params.table}.
 */
class JobBatchRejectedException extends ErrorResponseException {

    JobBatchRejectedException(HttpStatus status, String title, List<FieldProblem> problems) {
        super(status, problem(status, title, problems), null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.join("; ",
                problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        problem.setTitle(title);
        problem.setProperty("errors", problems);
        return problem;
    }
}
