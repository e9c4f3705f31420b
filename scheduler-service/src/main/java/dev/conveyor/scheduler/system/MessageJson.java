package dev.conveyor.scheduler.system;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes Kafka payloads. Unknown fields are ignored explicitly (not left to a default) because
 * the contract promises that a newer producer never breaks this reader.
 */
public final class MessageJson {

    private final JsonMapper mapper;

    public MessageJson(JsonMapper base) {
        this.mapper = base.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    public byte[] write(Object message) {
        return mapper.writeValueAsBytes(message);
    }

    public <T> T read(byte[] payload, Class<T> type) {
        return mapper.readValue(payload, type);
    }
}
