package dev.conveyor.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Validates rendered objects against the Kubernetes, KEDA and Prometheus operator schemas with the npm
 * packages kubernetes-models, @kubernetes-models/keda and @kubernetes-models/prometheus-operator,
 * offline (src/test/node/validate.mjs). The packages are installed once into target/schema-validator
 * from the committed package-lock.json; Node.js and npm are required, and their absence fails the
 * build rather than skipping the check.
 */
final class KubernetesSchemas {

    private static final Path SOURCES = Repository.path("deploy-tests/src/test/node");
    private static final Path INSTALLED = Repository.path("deploy-tests/target/schema-validator");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "validate.mjs");
    private static boolean installed;

    /** kind, name and the problems found (none when valid) of one validated object. */
    record Result(String kind, String name, List<String> problems) {
    }

    private KubernetesSchemas() {
    }

    @SuppressWarnings("unchecked")
    static List<Result> validate(String yaml) {
        install();
        String output = run(List.of("node", "validate.mjs"), yaml, 120);
        List<Map<String, Object>> results = (List<Map<String, Object>>) new Yaml(new LoaderOptions()).load(output);
        return results.stream()
                .map(result -> new Result(String.valueOf(result.get("kind")), String.valueOf(result.get("name")),
                        ((List<Object>) result.get("problems")).stream().map(String::valueOf).toList()))
                .toList();
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Files.createDirectories(INSTALLED);
            boolean lockChanged = !Files.exists(INSTALLED.resolve("node_modules/.package-lock.json"))
                    || Files.mismatch(SOURCES.resolve("package-lock.json"), INSTALLED.resolve("package-lock.json")) != -1;
            for (String file : FILES) {
                Files.copy(SOURCES.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            if (lockChanged) {
                run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), "", 300);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installed = true;
    }

    private static String run(List<String> command, String input, int timeoutSeconds) {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("The chart's objects are validated with Node.js: `" + command.getFirst()
                    + "` could not be started (" + e.getMessage() + "). Install Node.js 20+ with npm.", e);
        }
        try {
            Thread stdinWriter = Thread.ofVirtual().start(() -> {
                try (var stdin = process.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            var stderr = new java.io.ByteArrayOutputStream();
            Thread stderrReader = Thread.ofVirtual().start(() -> {
                try {
                    process.getErrorStream().transferTo(stderr);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
            }
            stdinWriter.join();
            stderrReader.join();
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + stderr.toString(StandardCharsets.UTF_8) + stdout);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }
}
