package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.RequestHeaders;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Each tenant's submission rate ({@code conveyor.security.quotas}), taken as soon as a submission's body is read and
 * before anything is stored: a single job, a batch or a manifest takes as many tokens as it has jobs. Over the rate
 * answers 429 with {@code Retry-After}; a request with more jobs than the tenant's burst can never fit and answers
 * 422 naming {@code jobs}. Runs after {@link SubmissionPermissions} and {@link SubmissionPolicy}, so a submission
 * they refuse uses no tokens.
 */
@ControllerAdvice
@Order(SubmissionPermissions.ORDER + 100)
class SubmissionRateLimit extends RequestBodyAdviceAdapter {

    private final SubmissionRateLimiter limiter;

    SubmissionRateLimit(QuotaProperties quotas, Clock clock) {
        this.limiter = new SubmissionRateLimiter(quotas, clock);
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && SubmittedJobs.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        String tenant = tenant();
        if (!(body instanceof SubmittedJobs submitted) || tenant == null) {
            return body;
        }
        int jobs = Math.max(1, submitted.submittedJobs().size());
        switch (limiter.tryAcquire(tenant, jobs)) {
            case SubmissionRateLimiter.Verdict.Allowed allowed -> {
            }
            case SubmissionRateLimiter.Verdict.Refused refused -> throw new SubmissionRateExceededException(tenant,
                    refused.retryAfter());
            case SubmissionRateLimiter.Verdict.TooMany tooMany -> throw new InvalidSubmissionException(List.of(
                    new FieldProblem("jobs", "has " + jobs + " jobs; this tenant may submit at most "
                            + tooMany.capacity() + " at once: split the request")));
        }
        return body;
    }

    /**
     * The request's tenant as {@link ApiKeyFilter} decided it ({@code default} when authentication is off and none
     * was named); null when the header is invalid, which the controller answers with a 400.
     */
    private static String tenant() {
        if (!(RequestContextHolder.currentRequestAttributes() instanceof ServletRequestAttributes request)) {
            return null;
        }
        String tenant = request.getRequest().getHeader(RequestHeaders.TENANT);
        if (tenant == null) {
            return "default";
        }
        return tenant.isBlank() || tenant.length() > RequestHeaders.MAX_LENGTH ? null : tenant;
    }
}
