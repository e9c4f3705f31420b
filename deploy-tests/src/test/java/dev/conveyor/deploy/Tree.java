package dev.conveyor.deploy;

import java.util.List;
import java.util.Map;

/** Reads parsed YAML (maps, lists, scalars) along a path of keys and indexes. */
final class Tree {

    private Tree() {
    }

    /** The value at the path, or null where any step is missing. Steps are map keys or list indexes. */
    static Object at(Object root, Object... path) {
        Object node = root;
        for (Object step : path) {
            if (node instanceof Map<?, ?> map && step instanceof String key) {
                node = map.get(key);
            } else if (node instanceof List<?> list && step instanceof Integer index && index < list.size()) {
                node = list.get(index);
            } else {
                return null;
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object root, Object... path) {
        Object node = at(root, path);
        return node instanceof Map<?, ?> ? (Map<String, Object>) node : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object root, Object... path) {
        Object node = at(root, path);
        return node instanceof List<?> ? (List<Object>) node : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object root, Object... path) {
        return list(root, path).stream().map(item -> (Map<String, Object>) item).toList();
    }

    static String string(Object root, Object... path) {
        Object node = at(root, path);
        return node == null ? null : String.valueOf(node);
    }

    static Integer integer(Object root, Object... path) {
        Object node = at(root, path);
        return node == null ? null : Integer.valueOf(String.valueOf(node));
    }
}
