package dev.conveyor.frontend.trigger;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A trigger that cannot be accepted: 422 for a watch path leading outside the files directory or a glob that does
 * not parse (a template the job or manifest checks refuse keeps their status, its fields prefixed with {@code job.}
 * or {@code manifest.}); 409 for a name the tenant already uses.
 */
class TriggerRejectedException extends ErrorResponseException {

    private TriggerRejectedException(HttpStatus status, String title, String field, String message) {
        super(status, FieldProblem.rejected(status, title, List.of(new FieldProblem(field, message))), null);
    }

    static TriggerRejectedException invalid(String field, String message) {
        return new TriggerRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid trigger", field, message);
    }

    static TriggerRejectedException conflict(String field, String message) {
        return new TriggerRejectedException(HttpStatus.CONFLICT, "Trigger conflict", field, message);
    }
}
