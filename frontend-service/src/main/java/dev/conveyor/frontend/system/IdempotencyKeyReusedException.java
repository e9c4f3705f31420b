package dev.conveyor.frontend.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An Idempotency-Key already used for a different request body. */
public class IdempotencyKeyReusedException extends ErrorResponseException {

    public IdempotencyKeyReusedException(String key) {
        super(HttpStatus.CONFLICT, problem(key), null);
    }

    private static ProblemDetail problem(String key) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Idempotency-Key '" + key + "' was already used for a different request");
        problem.setTitle("Idempotency key reused");
        return problem;
    }
}
