package dev.conveyor.launcher;

import dev.conveyor.observability.LogFormatEnvironmentPostProcessor;
import java.util.Map;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * A local run's start-up fits on one screen: Conveyor's own lines at INFO, everything else (the embedded
 * PostgreSQL's initdb, the broker, Spring, Tomcat, Hibernate) at WARN, and a few warnings that say nothing to
 * someone trying Conveyor on a laptop at ERROR; no service logs its own start. These are system properties, so
 * every service context applies them too, and any argument ({@code --logging.level.<name>=}) overrides them.
 */
final class LauncherLogging {

    private static final Map<String, String> LEVELS = Map.of(
            "root", "warn",
            "dev.conveyor", "info",
            // the embedded broker's own topic-creation races and controller activation
            "kafka", "error",
            "org.apache.kafka.controller", "error",
            // "enabled by default" notices of the OpenAPI endpoints and a Hibernate deprecation
            "org.springdoc.core.events", "error",
            "org.hibernate.orm.deprecation", "error");

    private LauncherLogging() {
    }

    /**
     * Starts logging before the embedded servers do, in the format and at the levels the services will use, so the
     * lines logged before the first service starts look like all the others.
     */
    static void start(String[] args) {
        LEVELS.forEach((logger, level) -> setIfAbsent("logging.level." + logger, level));
        // each service's "Starting ... / Started ... in" lines: the launcher's own summary line says it once
        setIfAbsent("spring.main.log-startup-info", "false");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        LogFormatEnvironmentPostProcessor.apply(environment);
        LoggingSystem logging = LoggingSystem.get(LauncherLogging.class.getClassLoader());
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        LEVELS.keySet().forEach(logger -> logging.setLogLevel("root".equals(logger) ? LoggingSystem.ROOT_LOGGER_NAME
                : logger, LogLevel.valueOf(environment.getProperty("logging.level." + logger).toUpperCase())));
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
