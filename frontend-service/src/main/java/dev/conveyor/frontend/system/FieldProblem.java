package dev.conveyor.frontend.system;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** One entry of the {@code errors} extension of a problem: which field, and what is wrong with it. */
public record FieldProblem(String field, String message) {

    /** A 400 whose detail names every invalid field and whose {@code errors} extension lists them. */
    public static ProblemDetail badRequest(List<FieldProblem> errors) {
        String detail = errors.isEmpty() ? "The request is invalid" : "Invalid " + String.join(", ",
                errors.stream().map(e -> "'" + e.field() + "': " + e.message()).toList());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Bad Request");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A problem of any status whose detail and {@code errors} extension name every problem found. */
    public static ProblemDetail rejected(HttpStatus status, String title, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, String.join("; ",
                problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        problem.setTitle(title);
        problem.setProperty("errors", problems);
        return problem;
    }
}
