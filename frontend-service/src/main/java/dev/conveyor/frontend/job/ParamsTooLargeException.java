package dev.conveyor.frontend.job;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Serialized params over {@code conveyor.frontend.max-params-size}: they travel in every dispatch. */
class ParamsTooLargeException extends ErrorResponseException {

    ParamsTooLargeException(long size, long limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "params serialize to " + size + " bytes; the limit is " + limit), null);
    }
}
