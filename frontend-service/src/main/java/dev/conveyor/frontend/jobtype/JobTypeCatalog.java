package dev.conveyor.frontend.jobtype;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.store.JobType;
import dev.conveyor.store.JobTypeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job types submissions are checked against. Every POST needs its type and schema, and the
 * catalogue only changes when a worker pool starts, so lookups (misses included) are kept for
 * {@code conveyor.frontend.job-type-cache-ttl}: a newly registered type is accepted at most that
 * much later.
 */
@Component
public class JobTypeCatalog {

    private record Entry(Optional<CompiledJobType> type, Instant expiresAt) {
    }

    private final JobTypeStore store;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration ttl;
    // errors name the offending value as a JSON path ($.sql), the form clients see in the 422
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    JobTypeCatalog(JobTypeStore store, JsonMapper mapper, Clock clock, FrontendProperties properties) {
        this.store = store;
        this.mapper = mapper;
        this.clock = clock;
        this.ttl = properties.jobTypeCacheTtl();
    }

    public Optional<CompiledJobType> find(String type) {
        Instant now = clock.instant();
        Entry entry = cache.get(type);
        if (entry == null || !now.isBefore(entry.expiresAt())) {
            entry = new Entry(store.find(type).map(this::compile), now.plus(ttl));
            cache.put(type, entry);
        }
        return entry.type();
    }

    private CompiledJobType compile(JobType type) {
        Schema schema = schemas.getSchema(mapper.readTree(type.paramsSchema()));
        return new CompiledJobType(type, schema);
    }
}
