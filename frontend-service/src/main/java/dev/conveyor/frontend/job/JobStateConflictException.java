package dev.conveyor.frontend.job;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The job is in a state the requested action does not apply to (cancel a finished job, retry a live one). */
class JobStateConflictException extends ErrorResponseException {

    JobStateConflictException(UUID id, String detail) {
        super(HttpStatus.CONFLICT, problem(id, detail), null);
    }

    private static ProblemDetail problem(UUID id, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Job " + id + " " + detail);
        problem.setTitle("Job state conflict");
        return problem;
    }
}
