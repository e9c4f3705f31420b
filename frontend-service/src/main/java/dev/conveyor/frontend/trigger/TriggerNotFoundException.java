package dev.conveyor.frontend.trigger;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No trigger with this id for this tenant (another tenant's trigger is reported the same way). */
class TriggerNotFoundException extends ErrorResponseException {

    TriggerNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No trigger " + id), null);
    }
}
