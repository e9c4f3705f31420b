package dev.conveyor.frontend;

import dev.conveyor.common.routing.Topics;
import dev.conveyor.store.JobTypeStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import dev.conveyor.testsupport.WithRealInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * A frontend on a real PostgreSQL and Kafka, called over HTTP through {@link #api}. Subclasses that keep these
 * annotations share one application context; one that needs other properties declares its own
 * {@code @SpringBootTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=frontend,application")
@WithRealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FrontendApiTest {

    /** A params schema that accepts any object. */
    protected static final String OPEN_SCHEMA = """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
            """;

    @LocalServerPort
    protected int port;
    @Autowired
    protected JobTypeStore jobTypes;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected JsonMapper mapper;
    @Autowired
    protected Environment environment;

    protected ApiTestClient api;

    @BeforeAll
    void connectApiClient() throws Exception {
        String bootstrapServers = environment.getProperty("spring.kafka.bootstrap-servers");
        api = new ApiTestClient(port, mapper, bootstrapServers);
        createSharedTopics(bootstrapServers);
    }

    /**
     * The scheduler creates the shared topics in production. Here there is none, and a topic the first message
     * creates takes a while to get its leader on a busy machine: the frontend's fire-and-forget sends time out
     * meanwhile (the sweeper's business in production), and a test waiting for the message would wait in vain.
     */
    private static void createSharedTopics(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of(Topics.SUBMITTED, Topics.EVENTS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
