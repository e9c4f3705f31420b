package dev.conveyor.frontend.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the previous page of a keyset-paginated listing ended: the sort instant (created_at, or
 * finished_at for dead letters) and the id of its last row. Opaque to clients (base64url), so its
 * format can change without an API change.
 */
public record PageCursor(Instant at, UUID id) {

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
    public static PageCursor decodeOptional(String cursor) {
        return cursor == null || cursor.isBlank() ? null : decode(cursor);
    }
}
