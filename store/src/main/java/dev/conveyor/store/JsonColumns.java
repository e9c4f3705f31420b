package dev.conveyor.store;

import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Converts between jsonb columns and the small maps the domain uses. */
public final class JsonColumns {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    private final JsonMapper mapper;

    public JsonColumns(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        return value == null ? null : mapper.writeValueAsString(value);
    }

    public Map<String, Object> readObject(String text) {
        return text == null ? null : mapper.readValue(text, OBJECT);
    }

    public Map<String, String> readLabels(String text) {
        return text == null ? Map.of() : mapper.readValue(text, LABELS);
    }
}
