package dev.conveyor.worker.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.worker.execution.Failures;
import dev.conveyor.worker.handler.Cancellation;
import dev.conveyor.worker.handler.NonRetryableJobException;
import dev.conveyor.worker.support.Warehouses;
import dev.conveyor.worker.warehouse.Warehouse;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** A load's http(s) source is fetched only where the rules allow, redirects included, and only so much of it. */
class DownloadRulesTest {

    private static final byte[] CSV = "id,region\n1,north\n2,south\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    private HttpServer server;
    private String base;
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private Warehouse warehouse;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders.csv", exchange -> {
            exchange.sendResponseHeaders(200, CSV.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(CSV);
            }
        });
        server.createContext("/big.csv", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 2048; i++) {
                    out.write(("%d,north\n".formatted(i)).repeat(100).getBytes(StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException clientGaveUp) {
                // the loader stops reading at its limit
            }
        });
        server.createContext("/to-localhost", exchange -> redirect(exchange, "http://localhost:"
                + server.getAddress().getPort() + "/orders.csv"));
        server.createContext("/to-metadata", exchange -> redirect(exchange, "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/latest", exchange -> {
            metadataRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        warehouse = Warehouses.duckDb(directory);
    }

    @AfterEach
    void stop() {
        warehouse.close();
        server.stop(0);
    }

    @Test
    void refusesLoopbackAndMetadataAddressesByDefault() {
        LoadHandler handler = new LoadHandler(rules(List.of(), false));

        Throwable loopback = catchThrowable(() -> load(handler, base + "/orders.csv?X-Amz-Signature=secret"));
        Throwable metadata = catchThrowable(() -> load(handler, "http://169.254.169.254/latest/meta-data/"));

        assertThat(loopback).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("params.source").hasMessageContaining("internal address 127.0.0.1")
                .hasMessageNotContaining("secret");
        assertThat(metadata).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("internal address 169.254.169.254");
        assertThat(Failures.isRetryable(loopback)).isFalse();
    }

    @Test
    void checksEveryRedirectTargetBeforeFollowingIt() {
        LoadHandler handler = new LoadHandler(rules(List.of("127.0.0.1"), true));

        Throwable toOtherHost = catchThrowable(() -> load(handler, base + "/to-localhost"));
        Throwable toMetadata = catchThrowable(() -> load(handler, base + "/to-metadata"));

        assertThat(toOtherHost).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("host localhost is not in the allowed hosts");
        assertThat(toMetadata).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("host 169.254.169.254 is not in the allowed hosts");
        assertThat(metadataRequests).hasValue(0);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void stopsAtTheSizeLimitAndKeepsNothing() {
        LoadHandler handler = new LoadHandler(new LoadProperties(List.of("http"), List.of(), true,
                DataSize.ofKilobytes(64), Duration.ofSeconds(10)));

        Throwable tooBig = catchThrowable(() -> load(handler, base + "/big.csv"));

        assertThat(tooBig).isInstanceOf(NonRetryableJobException.class)
                .hasMessageContaining("larger than the download limit of 65536 bytes");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void loadsWhatTheRulesAllow() throws Exception {
        LoadHandler handler = new LoadHandler(rules(List.of("127.0.0.1"), true));

        Map<String, Object> result = load(handler, base + "/orders.csv?version=2");

        assertThat(result).containsEntry("rowCount", 2L);
        assertThat(leftovers()).isEmpty();
    }

    private Map<String, Object> load(LoadHandler handler, String source) throws Exception {
        return handler.execute(Warehouses.context(warehouse, "load", Map.of("source", source, "table", "orders", "format", "csv"),
                new Cancellation()));
    }

    private static LoadProperties rules(List<String> hosts, boolean allowPrivate) {
        return new LoadProperties(List.of("http", "https"), hosts, allowPrivate, DataSize.ofMegabytes(1),
                Duration.ofSeconds(10));
    }

    private List<Path> leftovers() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".conveyor-load-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange exchange, String location) throws java.io.IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }
}
