package dev.conveyor.worker.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the Kubernetes API server on 127.0.0.1 over plain HTTP: answers every PATCH of a pod with 200
 * and records it. It can hold its answers (to see how many requests a client keeps in flight) and go down and
 * come back on the same port.
 */
public final class KubernetesApiStub implements AutoCloseable {

    /** One request as it arrived. */
    public record Patch(String method, String path, String contentType, String authorization, String body) {

        private static final Pattern COST = Pattern.compile(
                "\"controller\\.kubernetes\\.io/pod-deletion-cost\"\\s*:\\s*\"(-?\\d+)\"");

        /** The deletion cost the patch sets. */
        public int cost() {
            Matcher cost = COST.matcher(body);
            if (!cost.find()) {
                throw new AssertionError("no pod-deletion-cost in " + body);
            }
            return Integer.parseInt(cost.group(1));
        }
    }

    private final List<Patch> patches = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private int port;
    private HttpServer server;

    private KubernetesApiStub() {
    }

    public static KubernetesApiStub start() {
        KubernetesApiStub stub = new KubernetesApiStub();
        stub.listen(0);
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public List<Patch> patches() {
        return List.copyOf(patches);
    }

    public List<Integer> costs() {
        return patches.stream().map(Patch::cost).toList();
    }

    /** The most requests that were open at once. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    public void clear() {
        patches.clear();
        mostInFlight.set(0);
    }

    /** Requests are recorded but not answered until {@link #release()}. */
    public void hold() {
        held = new CountDownLatch(1);
    }

    public void release() {
        held.countDown();
    }

    /** Refuses connections from now on (nothing listens on the port). */
    public synchronized void goDown() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void comeBack() {
        listen(port());
    }

    @Override
    public synchronized void close() {
        release();
        server.stop(0);
    }

    private synchronized int port() {
        return port;
    }

    private synchronized void listen(int onPort) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int open = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(open, Math::max);
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            patches.add(new Patch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            held.await(30, TimeUnit.SECONDS);
            byte[] answer = "{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
