package dev.conveyor.worker.handler;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A handler's params schema (JSON Schema draft 2020-12, kept as a classpath resource next to the handler), and
 * the check of a job's params against it. The API checks params against the same schema at submission; the
 * worker checks again because a job can reach it with params the schema never saw (an older schema, a direct
 * insert). A violation is a {@link NonRetryableJobException} naming the param, since another attempt gets the
 * same params.
 */
public final class ParamsSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The innermost alternative of a {@code oneOf} or {@code anyOf} an error was found in, e.g. {@code ...oneOf[2]}. */
    private static final Pattern ALTERNATIVE = Pattern.compile("^.*\\.(?:oneOf|anyOf)\\[\\d+]");

    private final String text;
    private final Schema schema;

    private ParamsSchema(String text) {
        this.text = text;
        this.schema = REGISTRY.getSchema(JSON.readTree(text));
    }

    /** @param resource an absolute classpath location such as {@code /dev/conveyor/worker/handler/sql.schema.json} */
    public static ParamsSchema load(String resource) {
        try (InputStream in = ParamsSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No schema at " + resource);
            }
            return new ParamsSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + resource, e);
        }
    }

    /** @param text the schema as JSON text, for a handler that writes it inline */
    public static ParamsSchema parse(String text) {
        return new ParamsSchema(text);
    }

    /** The schema as JSON text, as the worker registers it. */
    public String text() {
        return text;
    }

    /**
     * Checks {@code params} against the schema and returns them for reading.
     *
     * @throws NonRetryableJobException naming the first param that violates the schema
     */
    public Params read(Map<String, Object> params) {
        Map<String, Object> values = params == null ? Map.of() : params;
        List<Error> errors = schema.validate(JSON.valueToTree(values));
        if (!errors.isEmpty()) {
            throw new NonRetryableJobException(describe(errors));
        }
        return Params.of(values);
    }

    /**
     * One line for the most telling error. A failed {@code oneOf} reports every alternative; the ones whose
     * {@code const} discriminator (an assertion's {@code type}) did not match say nothing about this value, so they
     * are left out, unless no alternative matched at all: then the discriminator itself is what is wrong.
     */
    static String describe(List<Error> errors) {
        List<Error> specific = errors.stream().filter(error -> !error.getKeyword().equals("oneOf")
                && !error.getKeyword().equals("anyOf")).toList();
        if (specific.isEmpty()) {
            return field(errors.getFirst()) + ": " + errors.getFirst().getMessage();
        }
        List<String> mismatched = specific.stream().filter(error -> error.getKeyword().equals("const"))
                .map(ParamsSchema::alternative).toList();
        List<Error> matching = specific.stream().filter(error -> mismatched.stream()
                .noneMatch(alternative -> error.getEvaluationPath().toString().startsWith(alternative))).toList();
        if (matching.isEmpty()) {
            List<Error> constants = specific.stream().filter(error -> error.getKeyword().equals("const")).toList();
            return field(constants.getFirst()) + ": must be one of " + constants.stream()
                    .map(error -> error.getSchemaNode().asString()).collect(Collectors.joining(", "))
                    + ", not " + constants.getFirst().getInstanceNode();
        }
        if (matching.stream().allMatch(error -> error.getKeyword().equals("required"))
                && matching.stream().map(ParamsSchema::alternative).distinct().count() > 1) {
            // alternatives that each require something else: either table or query, min or max
            return field(matching.getFirst()).replaceAll("\\.[^.\\[]+$", "") + ": needs one of "
                    + matching.stream().map(Error::getProperty).distinct().collect(Collectors.joining(", "));
        }
        Error deepest = matching.stream().max(Comparator.comparingInt(error -> depth(field(error)))).orElseThrow();
        return field(deepest) + ": " + deepest.getMessage();
    }

    /** The param an error is about, e.g. {@code params.assertions[0].columns[1]}; a missing one named too. */
    private static String field(Error error) {
        String location = "params" + error.getInstanceLocation().toString().substring(1);
        return error.getKeyword().equals("required") ? location + "." + error.getProperty() : location;
    }

    private static String alternative(Error error) {
        Matcher alternative = ALTERNATIVE.matcher(error.getEvaluationPath().toString());
        return alternative.find() ? alternative.group() : "";
    }

    private static int depth(String field) {
        return (int) field.chars().filter(c -> c == '.' || c == '[').count();
    }
}
