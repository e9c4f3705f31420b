package dev.conveyor.frontend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void round_trips_through_its_encoding() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-05-01T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void encodes_url_safe_without_padding() {
        String encoded = new PageCursor(Instant.parse("2026-05-01T10:15:30Z"), UUID.randomUUID()).encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejects_garbage_naming_the_cursor() {
        for (String garbage : new String[] {"nonsense!", "bm8tc2VwYXJhdG9y", "YWJjfGRlZg"}) {
            assertThatThrownBy(() -> PageCursor.decode(garbage))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("cursor");
        }
    }
}
