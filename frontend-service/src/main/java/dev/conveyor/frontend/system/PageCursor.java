package dev.conveyor.frontend.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;

/**
 * Where the previous page of a listing ended, as the client carries it: the key values of Spring Data's keyset
 * position, that is the sort instant (created_at, or finished_at for dead letters) and the id of the last row.
 * Opaque to clients (base64url), so its format can change without an API change.
 */
public record PageCursor(Instant at, UUID id) {

    static final String ID = "id";

    /** The cursor of a position in a listing sorted by {@code instant}, then id. */
    static PageCursor of(ScrollPosition position, String instant) {
        Map<String, Object> keys = ((KeysetScrollPosition) position).getKeys();
        return new PageCursor((Instant) keys.get(instant), (UUID) keys.get(ID));
    }

    /** The position the next page scrolls forward from, in a listing sorted by {@code instant}, then id. */
    KeysetScrollPosition position(String instant) {
        return ScrollPosition.forward(Map.of(instant, at, ID, id));
    }

    public String encode() {
        String raw = at.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidRequestException naming {@code cursor} when the text is not one this service produced */
    public static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException("no separator");
            }
            return new PageCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor returned by this API");
        }
    }

    /** Null when the client sent no cursor (first page). */
    static PageCursor decodeOptional(String cursor) {
        return cursor == null || cursor.isBlank() ? null : decode(cursor);
    }
}
