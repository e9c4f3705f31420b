package dev.conveyor.frontend.jobtype;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.store.JobType;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A registered job type with its params schema compiled once, so each submission only validates. */
public record CompiledJobType(JobType type, Schema schema) {

    /** The schema violations of {@code params}, each with the JSON path of the offending value. */
    public List<FieldProblem> violations(JsonNode params) {
        List<Error> errors = schema.validate(params);
        return errors.stream()
                .map(error -> new FieldProblem(error.getInstanceLocation().toString(), error.getMessage()))
                .toList();
    }
}
