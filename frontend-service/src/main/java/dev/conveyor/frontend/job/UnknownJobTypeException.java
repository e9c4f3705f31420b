package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The job type is not in the catalogue: no worker pool has registered it. */
class UnknownJobTypeException extends ErrorResponseException {

    UnknownJobTypeException(String type) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(type), null);
    }

    private static ProblemDetail problem(String type) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "Unknown job type '" + type + "'; see GET /api/v1/job-types");
        problem.setTitle("Unknown job type");
        problem.setProperty("errors", List.of(new FieldProblem("type", "is not a registered job type")));
        return problem;
    }
}
