package dev.conveyor.frontend.console;

import dev.conveyor.frontend.security.Caller;
import dev.conveyor.frontend.security.Role;
import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Console", description = "What the web console needs besides the public API")
class ConsoleSessionController {

    @GetMapping(path = "/api/v1/console/session", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The calling key: its name, tenant and roles",
            description = "The console signs in with this call and shows only the actions the roles allow.")
    ConsoleSession session(@RequestHeader(name = RequestHeaders.TENANT, defaultValue = "default") String tenant) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return new ConsoleSession(caller.name(), RequestHeaders.tenant(tenant),
                    caller.roles().stream().sorted().map(Role::authority).toList());
        }
        // authentication is off (tests only): every request may do everything
        return new ConsoleSession("anonymous", RequestHeaders.tenant(tenant),
                Arrays.stream(Role.values()).map(Role::authority).toList());
    }
}
