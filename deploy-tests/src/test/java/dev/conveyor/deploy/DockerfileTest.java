package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile checked without a Docker engine: its stages and the image they leave. */
class DockerfileTest {

    private static final Dockerfile DOCKERFILE = Dockerfile.parse(Repository.read("Dockerfile"));

    @Test
    void the_jars_are_built_inside_from_the_sources_never_copied_from_a_local_target() {
        Stage build = DOCKERFILE.stage("build");

        assertThat(build.arguments("RUN")).anySatisfy(run -> assertThat(run).contains("./mvnw").contains("package"));
        assertThat(DOCKERFILE.stages()).allSatisfy(stage -> assertThat(stage.arguments("COPY"))
                .filteredOn(copy -> !copy.startsWith("--from="))
                .allSatisfy(copy -> assertThat(copy).doesNotContain("target").doesNotContain(".jar")));
        assertThat(Repository.read(".dockerignore")).contains("**/target");
    }

    @Test
    void the_jar_is_extracted_in_layers_and_copied_least_changing_first() {
        assertThat(DOCKERFILE.stage("build").arguments("RUN"))
                .anySatisfy(run -> assertThat(run).contains("-Djarmode=tools").contains("extract --layers"));
        assertThat(DOCKERFILE.stage("runtime").arguments("COPY")).containsSubsequence(
                "--from=build /layers/dependencies/ ./",
                "--from=build /layers/snapshot-dependencies/ ./",
                "--from=build /layers/application/ ./");
    }

    @Test
    void the_image_runs_a_jre_21_or_later_as_a_numeric_non_root_user() {
        Stage image = DOCKERFILE.stages().getLast();
        String user = DOCKERFILE.effective(image, "USER");

        assertThat(user).matches("[0-9]+(:[0-9]+)?");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
        String runtimeBase = DOCKERFILE.resolve(DOCKERFILE.stage("runtime").base());
        Matcher version = Pattern.compile("eclipse-temurin:([0-9]+)-jre").matcher(runtimeBase);
        assertThat(version.find()).as(runtimeBase).isTrue();
        assertThat(Integer.parseInt(version.group(1))).isGreaterThanOrEqualTo(21);
    }

    @Test
    void the_image_writes_only_to_tmp_and_its_data_directory_and_sizes_the_heap_from_the_container() {
        Stage image = DOCKERFILE.stages().getLast();
        String entrypoint = DOCKERFILE.effective(image, "ENTRYPOINT");

        assertThat(DOCKERFILE.effective(image, "VOLUME")).contains("\"/tmp\"", "\"/app/data\"");
        assertThat(entrypoint).startsWith("[").contains("\"-XX:MaxRAMPercentage=75\"", "\"-jar\"", "\"/app/app.jar\"")
                .doesNotContain("-Xmx");
    }

    @Test
    void the_default_image_starts_from_an_aot_cache_trained_on_a_real_start() {
        Stage training = DOCKERFILE.stage("aot-training");
        Stage image = DOCKERFILE.stages().getLast();

        assertThat(String.join("\n", training.arguments("RUN")))
                .contains("-XX:AOTCacheOutput=/app/app.aot", "-Dspring.context.exit=onRefresh", "-jar /app/app.jar");
        assertThat(image.base()).isEqualTo("runtime");
        assertThat(image.arguments("COPY")).contains("--from=aot-training /app/app.aot /app/app.aot");
        assertThat(DOCKERFILE.effective(image, "ENTRYPOINT")).contains("\"-XX:AOTCache=/app/app.aot\"");
    }

    /** A FROM ... AS name block and its instructions, continuation lines joined. */
    record Stage(String name, String base, List<Map.Entry<String, String>> instructions) {

        List<String> arguments(String instruction) {
            return instructions.stream().filter(entry -> entry.getKey().equals(instruction)).map(Map.Entry::getValue).toList();
        }
    }

    record Dockerfile(Map<String, String> globalArguments, List<Stage> stages) {

        static Dockerfile parse(String text) {
            Map<String, String> arguments = new LinkedHashMap<>();
            List<Stage> stages = new ArrayList<>();
            String joined = text.replaceAll("\\\\\\n", " ");
            for (String line : joined.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 2);
                String instruction = parts[0].toUpperCase();
                String rest = parts.length > 1 ? parts[1].strip().replaceAll("\\s+", " ") : "";
                if (instruction.equals("FROM")) {
                    String[] from = rest.split(" ");
                    stages.add(new Stage(from.length == 3 ? from[2] : "stage-" + stages.size(), from[0], new ArrayList<>()));
                } else if (stages.isEmpty() && instruction.equals("ARG")) {
                    String[] argument = rest.split("=", 2);
                    arguments.put(argument[0], argument.length > 1 ? argument[1] : "");
                } else if (!stages.isEmpty()) {
                    stages.getLast().instructions().add(Map.entry(instruction, rest));
                }
            }
            return new Dockerfile(arguments, stages);
        }

        Stage stage(String name) {
            return stages.stream().filter(stage -> stage.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("No stage " + name));
        }

        /** The last value of an instruction in a stage or, failing that, in the stages it builds on. */
        String effective(Stage stage, String instruction) {
            List<String> own = stage.arguments(instruction);
            if (!own.isEmpty()) {
                return own.getLast();
            }
            boolean local = stages.stream().anyMatch(other -> other.name().equals(stage.base()));
            return local ? effective(stage(stage.base()), instruction) : null;
        }

        /** An image reference with the global ARGs substituted. */
        String resolve(String reference) {
            String resolved = reference;
            for (Map.Entry<String, String> argument : globalArguments.entrySet()) {
                resolved = resolved.replace("${" + argument.getKey() + "}", argument.getValue());
            }
            return resolved;
        }
    }
}
