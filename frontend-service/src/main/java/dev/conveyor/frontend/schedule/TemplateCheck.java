package dev.conveyor.frontend.schedule;

import dev.conveyor.frontend.system.FieldProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Runs a job or manifest check on a schedule's template and, when it refuses, answers with the same status and
 * problems, each field prefixed with where the template sits ({@code job.params.sql},
 * {@code manifest.jobs[load].type}). Triggers use it too.
 */
public final class TemplateCheck {

    private TemplateCheck() {
    }

    public static void run(String prefix, Runnable check) {
        try {
            check.run();
        } catch (ErrorResponseException refused) {
            throw prefixed(prefix, refused);
        }
    }

    private static ErrorResponseException prefixed(String prefix, ErrorResponseException refused) {
        ProblemDetail original = refused.getBody();
        HttpStatusCode status = refused.getStatusCode();
        Map<String, Object> properties = original.getProperties();
        Object errors = properties == null ? null : properties.get("errors");
        if (!(errors instanceof List<?> list)) {
            return refused;
        }
        List<FieldProblem> problems = list.stream()
                .filter(FieldProblem.class::isInstance)
                .map(FieldProblem.class::cast)
                .map(problem -> new FieldProblem(prefix + problem.field(), problem.message()))
                .toList();
        String title = original.getTitle() == null ? "Invalid schedule" : original.getTitle();
        return new ErrorResponseException(status,
                FieldProblem.rejected(HttpStatus.valueOf(status.value()), title, problems), null);
    }
}
