package dev.conveyor.frontend.jobtype;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.store.JobType;
import dev.conveyor.store.JobTypeStore;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job types submissions are checked against. Every POST needs its type and compiled schema, and the catalogue
 * only changes when a worker pool starts, so a type found is kept for {@code conveyor.frontend.job-type-cache-ttl}
 * (a changed schema applies at most that much later). A name that is not registered is not kept: the names come
 * from callers, who could otherwise fill the cache with made-up ones, and a type a worker registers is accepted at
 * once.
 */
@Component
public class JobTypeCatalog {

    /** Far more types than any installation registers: only a bound, never a limit a real catalogue reaches. */
    private static final int MAX_CACHED_TYPES = 10_000;

    private final JobTypeStore store;
    private final JsonMapper mapper;
    // errors name the offending value as a JSON path ($.sql), the form clients see in the 422
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private final Cache<String, CompiledJobType> cache;

    JobTypeCatalog(JobTypeStore store, JsonMapper mapper, FrontendProperties properties) {
        this.store = store;
        this.mapper = mapper;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_CACHED_TYPES)
                .expireAfterWrite(properties.jobTypeCacheTtl())
                .build();
    }

    public Optional<CompiledJobType> find(String type) {
        // a null from the loader is not cached, so a miss is read again next time
        return Optional.ofNullable(cache.get(type, name -> store.find(name).map(this::compile).orElse(null)));
    }

    private CompiledJobType compile(JobType type) {
        Schema schema = schemas.getSchema(mapper.readTree(type.paramsSchema()));
        return new CompiledJobType(type, schema);
    }
}
