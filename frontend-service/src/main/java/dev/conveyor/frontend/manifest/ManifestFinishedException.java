package dev.conveyor.frontend.manifest;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Every job of the manifest has finished: there is nothing left to cancel. */
class ManifestFinishedException extends ErrorResponseException {

    ManifestFinishedException(UUID id, String state) {
        super(HttpStatus.CONFLICT, problem(id, state), null);
    }

    private static ProblemDetail problem(UUID id, String state) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Manifest " + id + " has already finished (" + state + ") and cannot be cancelled");
        problem.setTitle("Manifest already finished");
        return problem;
    }
}
