package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A submission with jobs that run caller-written SQL, from a key without the {@code sql} role (403 naming them). */
class SqlRoleRequiredException extends ErrorResponseException {

    SqlRoleRequiredException(List<FieldProblem> problems) {
        super(HttpStatus.FORBIDDEN, FieldProblem.rejected(HttpStatus.FORBIDDEN, "Forbidden", problems), null);
    }
}
