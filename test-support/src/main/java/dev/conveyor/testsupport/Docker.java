package dev.conveyor.testsupport;

import org.testcontainers.DockerClientFactory;

/**
 * Decides once per JVM whether tests run their infrastructure in containers. {@code
 * CONVEYOR_TEST_INFRA=embedded} or {@code =containers} forces the choice; otherwise containers are
 * used exactly when a Docker engine answers.
 */
final class Docker {

    private static volatile Boolean available;

    private Docker() {
    }

    static boolean useContainers() {
        String forced = System.getenv("CONVEYOR_TEST_INFRA");
        if ("embedded".equalsIgnoreCase(forced)) {
            return false;
        }
        if ("containers".equalsIgnoreCase(forced)) {
            return true;
        }
        if (available == null) {
            available = detect();
        }
        return available;
    }

    private static boolean detect() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
