package dev.conveyor.frontend.jobtype;

import dev.conveyor.common.routing.TopicRouter;
import dev.conveyor.store.JobTypeStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1/job-types")
@Tag(name = "Job types", description = "The job types running workers have registered")
class JobTypeController {

    private final JobTypeStore store;
    private final TopicRouter router;
    private final JsonMapper mapper;

    JobTypeController(JobTypeStore store, TopicRouter router, JsonMapper mapper) {
        this.store = store;
        this.router = router;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "List the registered job types with their params schema and topic")
    List<JobTypeView> list(@Parameter(description = "Tenant; routes may differ per tenant")
            @RequestHeader(name = "X-Conveyor-Tenant", defaultValue = "default") String tenant) {
        // read straight from the table: this listing should show a type as soon as it is registered
        return store.findAll().stream()
                .map(type -> new JobTypeView(type.type(), router.topicFor(tenant, type.type()), type.description(),
                        mapper.readTree(type.paramsSchema())))
                .toList();
    }
}
