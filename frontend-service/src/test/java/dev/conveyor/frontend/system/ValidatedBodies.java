package dev.conveyor.frontend.system;

import jakarta.validation.Validation;
import java.util.List;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** Validates a request body as Spring MVC does for {@code @Valid @RequestBody}, without a server. */
public final class ValidatedBodies {

    private static final SpringValidatorAdapter VALIDATOR =
            new SpringValidatorAdapter(Validation.buildDefaultValidatorFactory().getValidator());

    private ValidatedBodies() {
    }

    /** The problems the API answers {@code body} with, named and ordered as in its 400; empty when it is valid. */
    public static List<FieldProblem> problems(Object body) {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(body, "body");
        VALIDATOR.validate(body, result);
        return ViolationProblems.of(result);
    }
}
