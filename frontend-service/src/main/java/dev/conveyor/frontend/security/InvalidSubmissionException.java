package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A submission the policy refuses whatever the caller's rights: a path outside the files directory, a URL the
 * worker would not fetch, more jobs at once than the tenant's burst (422 naming each field).
 */
class InvalidSubmissionException extends ErrorResponseException {

    InvalidSubmissionException(List<FieldProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, FieldProblem.rejected(HttpStatus.UNPROCESSABLE_CONTENT,
                "Unprocessable Content", problems), null);
    }
}
