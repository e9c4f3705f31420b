package dev.conveyor.frontend.jobtype;

import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.FrontendProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the params of a job before it is stored, the same way for one job, a batch and a manifest: their
 * serialized size first ({@code conveyor.frontend.max-params-size}; params travel in every dispatch), then the
 * job type, then the type's JSON Schema.
 */
@Component
public class ParamsCheck {

    /** What the check found. */
    public sealed interface Verdict permits Accepted, TooLarge, UnknownType, Rejected {
    }

    public record Accepted() implements Verdict {
    }

    public record TooLarge(long size, long limit) implements Verdict {
    }

    public record UnknownType(String type) implements Verdict {
    }

    /** @param violations each names a JSON path into the params: {@code $} itself or {@code $.table} */
    public record Rejected(List<FieldProblem> violations) implements Verdict {
    }

    private final JobTypeCatalog catalog;
    private final JsonMapper mapper;
    private final long maxParamsSize;

    ParamsCheck(JobTypeCatalog catalog, JsonMapper mapper, FrontendProperties properties) {
        this.catalog = catalog;
        this.mapper = mapper;
        this.maxParamsSize = properties.maxParamsSize().toBytes();
    }

    /** @param params null for none */
    public Verdict check(String type, Map<String, Object> params) {
        String serialized = mapper.writeValueAsString(params == null ? Map.of() : params);
        long size = serialized.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxParamsSize) {
            return new TooLarge(size, maxParamsSize);
        }
        Optional<CompiledJobType> compiled = catalog.find(type);
        if (compiled.isEmpty()) {
            return new UnknownType(type);
        }
        List<FieldProblem> violations = compiled.get().violations(mapper.readTree(serialized));
        return violations.isEmpty() ? new Accepted() : new Rejected(violations);
    }

    /**
     * The check of one job among many, its problems named under {@code field} ({@code jobs[3]}, {@code jobs[load]})
     * and added to {@code tooLarge} (answered 413) or {@code rejected} (422).
     *
     * @return false when the params are too large, so the caller skips whatever else it would check in them
     */
    public boolean check(String field, String type, Map<String, Object> params, List<FieldProblem> tooLarge,
            List<FieldProblem> rejected) {
        switch (check(type, params)) {
            case TooLarge large -> {
                tooLarge.add(new FieldProblem(field + ".params", "serializes to " + large.size()
                        + " bytes; the limit is " + large.limit()));
                return false;
            }
            case UnknownType unknown -> rejected.add(new FieldProblem(field + ".type", "'" + unknown.type()
                    + "' is not a registered job type; see GET /api/v1/job-types"));
            // "$" becomes jobs[3].params, "$.table" jobs[3].params.table
            case Rejected schema -> schema.violations().forEach(violation -> rejected.add(new FieldProblem(
                    field + ".params" + violation.field().substring(1), violation.message())));
            case Accepted accepted -> {
                // nothing to report
            }
        }
        return true;
    }
}
