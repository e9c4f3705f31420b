package dev.conveyor.frontend.console;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The console's live updates.
 *
 * @param eventPollInterval how often the one shared reader looks for new job state changes while a stream is open
 * @param streamTimeout how long one stream stays open; the console reconnects and reloads what it shows
 */
@Validated
@ConfigurationProperties("conveyor.frontend.console")
record ConsoleProperties(
        @DefaultValue("500ms") @NotNull Duration eventPollInterval,
        @DefaultValue("30m") @NotNull Duration streamTimeout) {
}
