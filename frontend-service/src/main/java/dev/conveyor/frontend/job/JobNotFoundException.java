package dev.conveyor.frontend.job;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No job with this id for this tenant (another tenant's job is reported the same way). */
class JobNotFoundException extends ErrorResponseException {

    JobNotFoundException(UUID id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No job " + id), null);
    }
}
