package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.RequestHeaders;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Checks, as soon as a submission's body is read and before anything is validated further or stored, what the
 * key and its tenant may submit: jobs that run caller-written SQL need the {@code sql} role, and a tenant limited
 * to some job types ({@code conveyor.security.tenant-job-types}) may submit only those. Single jobs, batches and
 * manifests alike; the 403 names each refused job.
 */
@ControllerAdvice
@Order(SubmissionPermissions.ORDER)
class SubmissionPermissions extends RequestBodyAdviceAdapter {

    /** Before {@link SubmissionRateLimit}, so a forbidden submission takes no tokens. */
    static final int ORDER = 100;

    private final SecurityProperties security;

    SubmissionPermissions(SecurityProperties security) {
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
        if (!security.enabled() || !(body instanceof SubmittedJobs submitted)) {
            return body;
        }
        boolean sqlRole = holdsSqlRole();
        List<String> allowedTypes = security.tenantJobTypes().get(tenant());
        List<FieldProblem> refused = new ArrayList<>();
        for (SubmittedJobs.SubmittedJob job : submitted.submittedJobs()) {
            if (allowedTypes != null && job.type() != null && !allowedTypes.contains(job.type())) {
                refused.add(new FieldProblem(job.field(), "'" + job.type() + "' is not a job type this tenant may"
                        + " submit"));
            } else if (!sqlRole && CallerSql.runsCallerSql(job.type(), job.params())) {
                refused.add(new FieldProblem(job.field(), "'" + job.type() + "' with these params runs SQL the"
                        + " caller wrote; the API key needs the 'sql' role"));
            }
        }
        if (!refused.isEmpty()) {
            throw new SubmissionForbiddenException(refused);
        }
        return body;
    }

    private static boolean holdsSqlRole() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller && caller.getPrincipal().has(Role.SQL);
    }

    /** The request's tenant as {@link ApiKeyFilter} decided it. */
    private static String tenant() {
        return RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getHeader(RequestHeaders.TENANT) : null;
    }
}
