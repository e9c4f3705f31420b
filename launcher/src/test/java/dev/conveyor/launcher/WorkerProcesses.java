package dev.conveyor.launcher;

import dev.conveyor.testsupport.ServiceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The worker processes one test class starts, each in a JVM of its own, all stopped together at the end. */
final class WorkerProcesses implements AutoCloseable {

    private final String testClass;
    private final Map<String, Object> shared;
    private final List<ServiceProcess> started = new CopyOnWriteArrayList<>();

    WorkerProcesses(String testClass, Map<String, Object> shared) {
        this.testClass = testClass;
        this.shared = shared;
    }

    ServiceProcess start(Map<String, Object> worker) {
        ServiceProcess process = FaultInjection.startWorkerProcess(testClass, shared, worker);
        started.add(process);
        return process;
    }

    /** Starts the workers side by side (each takes seconds to come up) and returns them once all are up. */
    @SafeVarargs
    final List<ServiceProcess> startTogether(Map<String, Object>... workers) throws Exception {
        List<Future<ServiceProcess>> starting = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Map<String, Object> worker : workers) {
                starting.add(executor.submit(() -> start(worker)));
            }
        }
        List<ServiceProcess> pool = new ArrayList<>();
        for (Future<ServiceProcess> process : starting) {
            pool.add(process.get());
        }
        return pool;
    }

    @Override
    public void close() {
        started.forEach(ServiceProcess::close);
    }
}
