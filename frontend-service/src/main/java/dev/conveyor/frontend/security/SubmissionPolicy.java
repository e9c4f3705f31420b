package dev.conveyor.frontend.security;

import dev.conveyor.common.files.FilesDirectory;
import dev.conveyor.common.net.UrlPolicy;
import dev.conveyor.frontend.system.FieldProblem;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses at submission what a worker would refuse at run time whoever submits it: a {@code load} source URL the
 * workers' URL policy forbids (scheme, host, loopback, link-local and metadata, private addresses), and a
 * {@code load} source or {@code export} path that leads outside the files directory. 422 naming each field
 * ({@code params.source}, {@code jobs[3].params.path}); the worker still checks at run time, following links.
 */
@ControllerAdvice
@Order(SubmissionPermissions.ORDER + 50)
class SubmissionPolicy extends RequestBodyAdviceAdapter {

    /** What the worker fetches rather than reads from the files directory; any other scheme is refused here. */
    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://.*", Pattern.DOTALL);

    private final UrlPolicy urls;
    private final FilesDirectory files;

    SubmissionPolicy(LoadUrlProperties load, WarehouseFilesProperties warehouse) {
        this.urls = load.urlPolicy();
        this.files = warehouse.files();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && SubmittedJobs.class.isAssignableFrom(type);
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        if (!(body instanceof SubmittedJobs submitted)) {
            return body;
        }
        List<FieldProblem> refused = new ArrayList<>();
        for (SubmittedJobs.SubmittedJob job : submitted.submittedJobs()) {
            String params = job.field().substring(0, job.field().length() - "type".length()) + "params.";
            String key = switch (job.type() == null ? "" : job.type()) {
                case "load" -> "source";
                case "export" -> "path";
                default -> null;
            };
            if (key != null && job.params() != null && job.params().get(key) instanceof String value) {
                refusal(value, "load".equals(job.type()))
                        .ifPresent(reason -> refused.add(new FieldProblem(params + key, reason)));
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidSubmissionException(refused);
        }
        return body;
    }

    private Optional<String> refusal(String value, boolean mayBeUrl) {
        if (!URL.matcher(value).matches()) {
            return files.refusal(value);
        }
        if (!mayBeUrl) {
            return Optional.of("must be a path inside the files directory, not a URL");
        }
        try {
            return urls.refusalAtSubmission(new URI(value)).map(reason -> "URL refused: " + reason);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
    }
}
