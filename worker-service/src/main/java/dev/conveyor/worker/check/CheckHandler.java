package dev.conveyor.worker.check;

import dev.conveyor.worker.handler.JdbcSteps;
import dev.conveyor.worker.handler.JobContext;
import dev.conveyor.worker.handler.JobHandler;
import dev.conveyor.worker.handler.JobTypeDefinition;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.handler.Params;
import dev.conveyor.worker.handler.ParamsSchema;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Evaluates data assertions on a table, every one of them even after one failed, so the result tells
 * the whole story. When any fails the job fails for good (the data, not the attempt, is wrong) with a
 * one-line summary as its error and the per-assertion result kept on the job.
 */
@Component
public class CheckHandler implements JobHandler {

    private static final ParamsSchema SCHEMA = ParamsSchema.load("/dev/conveyor/worker/check/check.schema.json");
    private static final JobTypeDefinition DEFINITION = new JobTypeDefinition("check",
            "Checks a table against assertions (row_count, not_null, unique, accepted_values, custom); fails if any fails.",
            SCHEMA);

    @Override
    public JobTypeDefinition definition() {
        return DEFINITION;
    }

    @Override
    public Map<String, Object> execute(JobContext context) throws Exception {
        Params params = SCHEMA.read(context.params());
        String table = params.string("table");
        String quotedTable = params.table("table");
        List<Assertion> assertions = new ArrayList<>();
        for (int i = 0; i < params.list("assertions").size(); i++) {
            assertions.add(Assertion.parse(params.element("assertions", i), i, quotedTable));
        }

        List<Assertion.Outcome> outcomes = new ArrayList<>();
        try (Connection connection = context.warehouse().dataSource().getConnection()) {
            for (Assertion assertion : assertions) {
                long count = JdbcSteps.count(context, connection, assertion.countSql(), assertion.parameters());
                outcomes.add(assertion.judge(count));
                context.reportProgress((double) outcomes.size() / assertions.size(), "checked " + assertion.name());
            }
        }

        List<Assertion.Outcome> failed = outcomes.stream().filter(outcome -> !outcome.passed()).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("table", table);
        result.put("passed", failed.isEmpty());
        result.put("assertions", outcomes.stream().map(CheckHandler::describe).toList());
        if (!failed.isEmpty()) {
            throw new NonRetryableJobException(failed.size() + " of " + outcomes.size() + " assertions failed: "
                    + failed.stream().map(Assertion.Outcome::summary).collect(Collectors.joining(", ")), result);
        }
        return result;
    }

    private static Map<String, Object> describe(Assertion.Outcome outcome) {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", outcome.assertion().name());
        described.put("type", outcome.assertion().type());
        described.put("passed", outcome.passed());
        described.put("failingCount", outcome.failingCount());
        if (outcome.assertion().type().equals("row_count")) {
            described.put("rowCount", outcome.count());
        }
        return described;
    }
}
