package dev.conveyor.frontend.job;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The params do not satisfy the job type's JSON Schema; each error names its JSON path. */
class ParamsRejectedException extends ErrorResponseException {

    ParamsRejectedException(String type, List<FieldProblem> violations) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, problem(type, violations), null);
    }

    private static ProblemDetail problem(String type, List<FieldProblem> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "params do not match the schema of job type '" + type + "': " + String.join("; ",
                        violations.stream().map(v -> v.field() + " " + v.message()).toList()));
        problem.setTitle("Invalid params");
        problem.setProperty("errors", violations);
        return problem;
    }
}
