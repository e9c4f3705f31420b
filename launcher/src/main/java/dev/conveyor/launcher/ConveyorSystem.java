package dev.conveyor.launcher;

import dev.conveyor.frontend.FrontendApplication;
import dev.conveyor.scheduler.SchedulerApplication;
import dev.conveyor.worker.WorkerApplication;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The three services started side by side in this JVM, each in its own application context with
 * its own port and its own defaults ({@code frontend.yml}, {@code scheduler.yml}, {@code worker.yml}).
 * Workers start first so the job types they carry are registered before the API takes requests.
 */
public final class ConveyorSystem implements AutoCloseable {

    /** Which service a context runs. */
    public enum Service {
        WORKER, SCHEDULER, FRONTEND
    }

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<Service, ConfigurableApplicationContext> byService = new HashMap<>();

    private final String[] args;

    private ConveyorSystem(String[] args) {
        this.args = args.clone();
    }

    /**
     * @param shared properties every service gets (database, Kafka, ...)
     * @param perService properties for one service only (its port, a worker's warehouse, ...)
     * @param args command-line arguments, given to every service
     */
    public static ConveyorSystem start(Map<String, Object> shared, Map<Service, Map<String, Object>> perService,
            String... args) {
        return start(shared, perService, EnumSet.allOf(Service.class), args);
    }

    /** Starts only some of the services, e.g. the frontend and scheduler while workers run as processes. */
    public static ConveyorSystem start(Map<String, Object> shared, Map<Service, Map<String, Object>> perService,
            Set<Service> services, String... args) {
        ConveyorSystem system = new ConveyorSystem(args);
        try {
            for (Service service : EnumSet.copyOf(services)) {
                system.startService(service, shared, perService.getOrDefault(service, Map.of()));
            }
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** Starts one more context, e.g. a second worker pool with its own topics and warehouse. */
    public ConfigurableApplicationContext startService(Service service, Map<String, Object> shared,
            Map<String, Object> own) {
        Map<String, Object> properties = new HashMap<>(shared);
        properties.putAll(own);
        // ahead of the services' own defaults (which read CONVEYOR_DB_URL and friends), unlike builder
        // properties, which would rank below them
        ConfigurableApplicationContext context = builder(service)
                .bannerMode(service == Service.FRONTEND ? Banner.Mode.CONSOLE : Banner.Mode.OFF)
                .initializers(starting -> starting.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("conveyor-launcher", properties)))
                .run(args);
        contexts.add(context);
        byService.putIfAbsent(service, context);
        return context;
    }

    /** The port the first context of this service listens on. */
    public int port(Service service) {
        return Integer.parseInt(byService.get(service).getEnvironment().getRequiredProperty("local.server.port"));
    }

    public ConfigurableApplicationContext context(Service service) {
        return byService.get(service);
    }

    private static SpringApplicationBuilder builder(Service service) {
        return switch (service) {
            case WORKER -> WorkerApplication.builder();
            case SCHEDULER -> SchedulerApplication.builder();
            case FRONTEND -> FrontendApplication.builder();
        };
    }

    /** Stops the API first and the workers last, so nothing new arrives while work drains. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(contexts);
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            context.close();
        }
        contexts.clear();
        byService.clear();
    }
}
