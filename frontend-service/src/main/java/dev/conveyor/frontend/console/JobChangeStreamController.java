package dev.conveyor.frontend.console;

import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Jobs")
class JobChangeStreamController {

    private final JobChangeBroadcaster broadcaster;

    JobChangeStreamController(JobChangeBroadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    @GetMapping(path = "/api/v1/jobs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: the tenant's job state changes as they happen",
            description = "First a 'ready' event, then one 'job' event per state change, with data {id, type, state,"
                    + " manifestId, at}. A change may arrive late or, rarely, not at all (the history is read by id"
                    + " and a transaction may commit out of order): treat it as a reason to re-read the job, and"
                    + " re-read what you show after reconnecting.")
    SseEmitter stream(@RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant)
            throws IOException {
        return broadcaster.subscribe(RequestHeaders.tenant(tenant));
    }
}
