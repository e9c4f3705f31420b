package dev.conveyor.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The objects one rendering of the chart produced, as the YAML text and parsed. */
record Rendered(String yaml, List<Map<String, Object>> objects) {

    @SuppressWarnings("unchecked")
    static Rendered parse(String yaml) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            if (document != null) {
                objects.add((Map<String, Object>) document);
            }
        }
        return new Rendered(yaml, List.copyOf(objects));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        List<Map<String, Object>> found = ofKind(kind).stream()
                .filter(object -> name.equals(Tree.string(object, "metadata", "name")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + kind + " named " + name + " but found " + found.size()
                    + " among " + names());
        }
        return found.getFirst();
    }

    boolean has(String kind, String name) {
        return ofKind(kind).stream().anyMatch(object -> name.equals(Tree.string(object, "metadata", "name")));
    }

    /** kind/name of every object, for failure messages. */
    List<String> names() {
        return objects.stream()
                .map(object -> object.get("kind") + "/" + Tree.string(object, "metadata", "name"))
                .toList();
    }

    /** Every pod template (Deployments, Jobs) by kind/name. */
    Map<String, Map<String, Object>> podSpecs() {
        return objects.stream()
                .filter(object -> Tree.at(object, "spec", "template", "spec") != null)
                .collect(Collectors.toMap(
                        object -> object.get("kind") + "/" + Tree.string(object, "metadata", "name"),
                        object -> Tree.map(object, "spec", "template", "spec"),
                        (first, second) -> first,
                        LinkedHashMap::new));
    }

    /** The single container of a Deployment or Job. */
    static Map<String, Object> container(Map<String, Object> workload) {
        List<Map<String, Object>> containers = Tree.maps(workload, "spec", "template", "spec", "containers");
        if (containers.size() != 1) {
            throw new AssertionError("Expected one container in " + Tree.string(workload, "metadata", "name"));
        }
        return containers.getFirst();
    }

    /** A container's environment: name to its entry (with value or valueFrom). */
    static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> entry : Tree.maps(container, "env")) {
            if (byName.put(String.valueOf(entry.get("name")), entry) != null) {
                throw new AssertionError("Environment variable " + entry.get("name") + " is set twice");
            }
        }
        return byName;
    }

    static String envValue(Map<String, Object> container, String name) {
        Map<String, Object> entry = env(container).get(name);
        return entry == null ? null : Tree.string(entry, "value");
    }
}
