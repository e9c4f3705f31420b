package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses, as soon as a submission's body is read, jobs that run caller-written SQL unless the key holds the
 * {@code sql} role: single jobs, batches and manifests alike, before anything is validated further or stored.
 */
@ControllerAdvice
class SqlRoleCheck extends RequestBodyAdviceAdapter {

    private final SecurityProperties security;

    SqlRoleCheck(SecurityProperties security) {
        this.security = security;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && SubmittedJobs.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (security.enabled() && body instanceof SubmittedJobs submitted && !holdsSqlRole()) {
            List<FieldProblem> refused = submitted.submittedJobs().stream()
                    .filter(job -> CallerSql.runsCallerSql(job.type(), job.params()))
                    .map(job -> new FieldProblem(job.field(), "'" + job.type() + "' with these params runs SQL"
                            + " the caller wrote; the API key needs the 'sql' role"))
                    .toList();
            if (!refused.isEmpty()) {
                throw new SqlRoleRequiredException(refused);
            }
        }
        return body;
    }

    private static boolean holdsSqlRole() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller && caller.getPrincipal().has(Role.SQL);
    }
}
