package dev.conveyor.frontend.system;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Fields of a request that are malformed or out of range (a 400 that names them). */
public class InvalidRequestException extends ErrorResponseException {

    public InvalidRequestException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, FieldProblem.badRequest(problems), null);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }
}
