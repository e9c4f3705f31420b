package dev.conveyor.frontend.manifest;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A manifest that is well-formed JSON but cannot be accepted (422): duplicate keys, unknown or
 * cyclic dependencies, unknown job types, params failing their schema, references that could never
 * resolve, too many jobs. The detail and the {@code errors} extension name every problem found.
 */
class ManifestRejectedException extends ErrorResponseException {

    ManifestRejectedException(List<FieldProblem> problems) {
        this(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid manifest", problems);
    }

    ManifestRejectedException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    ManifestRejectedException(HttpStatus status, String title, List<FieldProblem> problems) {
        super(status, FieldProblem.rejected(status, title, problems), null);
    }
}
