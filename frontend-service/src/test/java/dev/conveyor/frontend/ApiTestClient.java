package dev.conveyor.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls against the running frontend and a plain Kafka consumer for reading back what it published. */
public final class ApiTestClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final JsonMapper mapper;
    private final String bootstrapServers;

    public ApiTestClient(int port, JsonMapper mapper, String bootstrapServers) {
        this.port = port;
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        return send("POST", path, body, headers);
    }

    /** Any method, with a JSON body or none. */
    public HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@link #send}, asserting a 2xx answer. */
    public HttpResponse<String> sendOk(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpResponse<String> response = send(method, path, body, headers);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return response;
    }

    /** POSTs {@code body} and asserts a problem with {@code status} naming a field that starts with {@code field}. */
    public void assertRefused(String path, String body, Map<String, String> headers, int status, String field)
            throws Exception {
        HttpResponse<String> response = post(path, body, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode problem = problem(response);
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .as(response.body()).anySatisfy(named -> assertThat(named).startsWith(field));
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(HttpResponse<String> response) {
        return mapper.readTree(response.body());
    }

    /** Asserts an RFC 9457 problem with the response's status and returns it. */
    public JsonNode problem(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(response.statusCode());
        return problem;
    }

    /**
     * The messages on {@code topic} whose key is one of {@code keys}, read from the beginning until
     * {@code done} holds for them, then for {@code settle} longer so that messages which must not be
     * there have had time to show up.
     */
    public List<ConsumerRecord<String, String>> read(String topic, List<String> keys,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration settle) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                poll(consumer, keys, found);
                return done.test(found);
            });
            long until = System.nanoTime() + settle.toNanos();
            while (System.nanoTime() < until) {
                poll(consumer, keys, found);
            }
        }
        return found;
    }

    private static void poll(KafkaConsumer<String, String> consumer, List<String> keys,
            List<ConsumerRecord<String, String>> found) {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
            if (keys.contains(record.key())) {
                found.add(record);
            }
        });
    }

    private KafkaConsumer<String, String> consumer() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "frontend-it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(properties);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
