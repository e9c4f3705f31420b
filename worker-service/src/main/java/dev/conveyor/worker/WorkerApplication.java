package dev.conveyor.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerApplication {

    /**
     * The service reads {@code worker.yml} (its defaults) and then {@code application.yml}, so several
     * services can share one JVM (the launcher) without reading each other's defaults.
     */
    public static final String CONFIG_NAME = "worker,application";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
