package dev.conveyor.frontend.schedule;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No schedule with this id for this tenant (another tenant's schedule is reported the same way). */
class ScheduleNotFoundException extends ErrorResponseException {

    ScheduleNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No schedule " + id), null);
    }
}
