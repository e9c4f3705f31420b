package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FieldProblem;
import dev.conveyor.frontend.system.InvalidRequestException;
import dev.conveyor.frontend.system.RequestHeaders;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The body of {@code POST /api/v1/admin/api-keys}. */
record CreateApiKeyRequest(
        @Schema(description = "What the key is for, for people", example = "nightly-loader",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters")
        String name,
        @Schema(description = "The tenant every request with this key acts for", example = "acme",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotBlank(message = "is required")
        @Size(max = RequestHeaders.MAX_LENGTH, message = "must be at most " + RequestHeaders.MAX_LENGTH + " characters")
        String tenant,
        @Schema(description = "submit, read, operate, sql, admin", example = "[\"submit\", \"read\"]",
                requiredMode = Schema.RequiredMode.REQUIRED)
        @NotEmpty(message = "must name at least one role")
        List<String> roles,
        @Schema(description = "When the key stops working (ISO-8601); none: it works until revoked")
        Instant expiresAt) {

    /** The roles, or 400 naming each unknown one ({@code roles[1]}). */
    Set<Role> parsedRoles() {
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String field = "roles[" + i + "]";
            Role.of(roles.get(i)).ifPresentOrElse(parsed::add,
                    () -> problems.add(new FieldProblem(field, "must be one of " + Role.names())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return parsed;
    }
}
