package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A schedule that cannot be accepted: 422 for an expression or zone that does not parse or never fires, or a
 * template the job or manifest checks refuse (its fields prefixed with {@code job.} or {@code manifest.}); 409 for a
 * name the tenant already uses or a change that lost a race.
 */
class ScheduleRejectedException extends ErrorResponseException {

    ScheduleRejectedException(HttpStatus status, String title, List<FieldProblem> problems) {
        super(status, FieldProblem.rejected(status, title, problems), null);
    }

    static ScheduleRejectedException invalid(String field, String message) {
        return new ScheduleRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid schedule",
                List.of(new FieldProblem(field, message)));
    }

    static ScheduleRejectedException conflict(String field, String message) {
        return new ScheduleRejectedException(HttpStatus.CONFLICT, "Schedule conflict",
                List.of(new FieldProblem(field, message)));
    }
}
