package dev.conveyor.frontend.security;

import dev.conveyor.store.ApiKey;
import dev.conveyor.store.ApiKeyStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/api-keys")
@Tag(name = "API keys", description = "Keys for the API, each bound to a tenant and roles (admin only)")
class ApiKeyController {

    private final ApiKeyStore keys;

    ApiKeyController(ApiKeyStore keys) {
        this.keys = keys;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create a key", description = "The answer holds the key: it is shown this once and only its"
            + " hash is stored.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "400", description = "A missing name or tenant, or an unknown role", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody CreateApiKeyRequest request) {
        Set<String> roles = request.parsedRoles().stream().map(Role::authority).collect(Collectors.toSet());
        String key = ApiKeySecrets.generate();
        ApiKey stored = keys.create(request.name().strip(), request.tenant(), roles, ApiKeySecrets.hash(key),
                request.expiresAt());
        return ResponseEntity.created(URI.create("/api/v1/admin/api-keys/" + stored.id()))
                .body(CreatedApiKey.of(stored, key));
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List every key, newest first, without secrets")
    List<ApiKeyView> list() {
        return keys.findAll().stream().map(ApiKeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key", description = "Requests with it are refused (401) from now on, on every"
            + " replica. Revoking a revoked key changes nothing.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "404", description = "No such key", content = @Content(
            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        if (!keys.revoke(id) && keys.find(id).isEmpty()) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No API key " + id), null);
        }
        return ResponseEntity.noContent().build();
    }
}
