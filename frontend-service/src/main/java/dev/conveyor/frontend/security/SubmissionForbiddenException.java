package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A submission with jobs the key or its tenant may not submit: caller-written SQL without the {@code sql} role, or a
 * job type outside the tenant's list (403 naming each).
 */
class SubmissionForbiddenException extends ErrorResponseException {

    SubmissionForbiddenException(List<FieldProblem> problems) {
        super(HttpStatus.FORBIDDEN, FieldProblem.rejected(HttpStatus.FORBIDDEN, "Forbidden", problems), null);
    }
}
