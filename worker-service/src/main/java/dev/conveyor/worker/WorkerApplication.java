package dev.conveyor.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Reads and writes the job tables through the store's SQL only. JPA is the frontend's read model; in a JVM that also
 * runs the frontend (the launcher) its auto-configuration is on the classpath and would give this service an entity
 * manager it does not use, and a JPA transaction manager (which makes no savepoints) in place of the JDBC one.
 */
@SpringBootApplication(excludeName = {
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.metrics.HibernateMetricsAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
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
