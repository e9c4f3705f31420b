package dev.conveyor.frontend;

import dev.conveyor.store.JobTypeStore;
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
    void connectApiClient() {
        api = new ApiTestClient(port, mapper, environment.getProperty("spring.kafka.bootstrap-servers"));
    }
}
