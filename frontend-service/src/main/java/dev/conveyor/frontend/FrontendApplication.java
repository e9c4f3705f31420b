package dev.conveyor.frontend;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class FrontendApplication {

    /**
     * The service reads {@code frontend.yml} (its defaults) and then {@code application.yml}, so several
     * services can share one JVM (the launcher) without reading each other's defaults.
     */
    public static final String CONFIG_NAME = "frontend,application";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(FrontendApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
