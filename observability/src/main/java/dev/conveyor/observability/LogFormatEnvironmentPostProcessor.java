package dev.conveyor.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code conveyor.logging.format} into Spring Boot's {@code logging.structured.format.console} before the
 * logging system starts, so the choice is one word for an operator (logfmt or json) rather than a class name. An
 * explicit {@code logging.structured.format.console} (ecs, gelf, a formatter of one's own) still wins.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        apply(environment);
    }

    /** Also called by the launcher for the lines it logs before any service has started. */
    public static void apply(ConfigurableEnvironment environment) {
        if (environment.containsProperty(STRUCTURED_CONSOLE)) {
            return;
        }
        LoggingProperties properties = Binder.get(environment)
                .bindOrCreate("conveyor.logging", LoggingProperties.class);
        environment.getPropertySources().addLast(new MapPropertySource("conveyor-log-format",
                Map.of(STRUCTURED_CONSOLE, properties.format().structuredFormat())));
    }
}
