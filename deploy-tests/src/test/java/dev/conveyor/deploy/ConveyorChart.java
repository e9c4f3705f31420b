package dev.conveyor.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * helm/conveyor, linted and rendered in the JVM by helm-java (Helm's own Go code, no helm binary).
 * Values are given as YAML documents, each becoming a values file, later ones overriding earlier ones
 * exactly as repeated {@code -f} flags do.
 */
final class ConveyorChart {

    static final String RELEASE = "conv";
    static final String NAMESPACE = "jobs";
    /** Where {@link #withHooksAsObjects()} moves Helm's hook annotations. */
    static final String RENAMED_HOOK_PREFIX = "rendered.test/";

    private final Path directory;

    private ConveyorChart(Path directory) {
        this.directory = directory;
    }

    private static ConveyorChart resolved;

    /**
     * The chart as committed: files/dashboards and files/prometheus-rules are links into deploy/, which
     * Helm follows (and logs each time it loads the chart).
     */
    static ConveyorChart asCommitted() {
        return new ConveyorChart(Repository.path("helm/conveyor"));
    }

    /** The chart with its links resolved, as `helm package` ships it; copied once per test run. */
    static synchronized ConveyorChart inRepository() {
        if (resolved == null) {
            resolved = copyWith(Map.of());
        }
        return resolved;
    }

    /**
     * A copy of the chart whose hooks render like any object. helm-java's template returns the
     * release manifest, which leaves hooks out; in the copy the annotations helm.sh/hook* are renamed
     * to rendered.test/hook* (so Helm no longer sets those objects apart) and keep their values.
     */
    static ConveyorChart withHooksAsObjects() {
        ConveyorChart copy = copyWith(Map.of());
        try (Stream<Path> templates = Files.list(copy.directory.resolve("templates"))) {
            for (Path template : templates.toList()) {
                String text = Files.readString(template);
                Files.writeString(template, text.replace("helm.sh/hook", RENAMED_HOOK_PREFIX + "hook"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** A copy of the chart (symlinked directories copied as files) with extra files, e.g. a dashboard. */
    static ConveyorChart copyWith(Map<String, String> extraFiles) {
        Path source = Repository.path("helm/conveyor");
        Path target = Repository.scratchDirectory("chart-").resolve("conveyor");
        try (Stream<Path> files = Files.walk(source, FileVisitOption.FOLLOW_LINKS)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
            for (Map.Entry<String, String> extra : extraFiles.entrySet()) {
                Path file = target.resolve(extra.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, extra.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConveyorChart(target);
    }

    /**
     * A copy of the chart whose values.yaml already holds a value set, merged as Helm merges a values
     * file (maps key by key, anything else replaced), so that lint, which takes no values file in
     * helm-java, checks the chart with that set.
     */
    static ConveyorChart withDefaults(ValueSet valueSet) {
        ConveyorChart copy = copyWith(Map.of());
        if (valueSet.file() == null) {
            return copy;
        }
        Yaml yaml = new Yaml(new LoaderOptions());
        try {
            Map<String, Object> defaults = yaml.load(Files.readString(copy.directory.resolve("values.yaml")));
            Map<String, Object> overrides = yaml.load(Files.readString(copy.directory.resolve(valueSet.file())));
            Files.writeString(copy.directory.resolve("values.yaml"), yaml.dump(merged(defaults, overrides)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> result = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> existing) {
                result.put(key, merged((Map<String, Object>) existing, (Map<String, Object>) map));
            } else {
                result.put(key, value);
            }
        });
        return result;
    }

    /** This chart with one more template (the chart must be a copy). */
    ConveyorChart withTemplate(String name, String text) {
        if (directory.equals(Repository.path("helm/conveyor"))) {
            throw new IllegalStateException("Templates are added to copies of the chart only");
        }
        try {
            Files.writeString(directory.resolve("templates").resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    LintResult lintStrict() {
        return new Helm(directory).lint().strict().call();
    }

    Rendered render(ValueSet valueSet, String... valuesYaml) {
        TemplateCommand template = new Helm(directory).template().withName(RELEASE).withNamespace(NAMESPACE);
        if (valueSet.file() != null) {
            template = template.withValuesFile(directory.resolve(valueSet.file()));
        }
        for (Path file : valuesFiles(valuesYaml)) {
            template = template.withValuesFile(file);
        }
        return Rendered.parse(template.call());
    }

    Rendered render(String... valuesYaml) {
        return render(ValueSet.DEFAULTS, valuesYaml);
    }

    private static List<Path> valuesFiles(String... valuesYaml) {
        if (valuesYaml.length == 0) {
            return List.of();
        }
        Path dir = Repository.scratchDirectory("values-");
        try {
            for (int i = 0; i < valuesYaml.length; i++) {
                Files.writeString(dir.resolve(i + ".yaml"), valuesYaml[i]);
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
