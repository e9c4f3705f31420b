package dev.conveyor.frontend.console;

import dev.conveyor.common.job.JobState;
import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Jobs")
class JobCountsController {

    private final JobCountRepository counts;

    JobCountsController(JobCountRepository counts) {
        this.counts = counts;
    }

    @GetMapping(path = "/api/v1/jobs/counts", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "How many jobs the tenant has in each state")
    JobCounts counts(@RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        Map<String, Long> states = new LinkedHashMap<>();
        for (JobState state : JobState.values()) {
            states.put(state.name(), 0L);
        }
        long total = 0;
        for (JobCountRepository.StateCount count : counts.countByState(RequestHeaders.tenant(tenant))) {
            states.put(count.getState().name(), count.getJobs());
            total += count.getJobs();
        }
        return new JobCounts(states, total);
    }
}
