package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.RequestHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that presents {@code Authorization: Bearer <key>} and decides its tenant. A request
 * without the header goes on anonymous, and the authorization rules answer 401 where a key is needed; a wrong
 * scheme or an unknown, revoked or expired key is a 401 here. A key that is not {@code admin} may not name
 * another tenant in {@code X-Conveyor-Tenant} (403); an admin key may, and then acts for that tenant.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);
    private static final String BEARER = "Bearer ";

    private final ApiKeyAuthenticator authenticator;
    private final ProblemResponses problems;
    private final Duration retryAfter;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeyAuthenticator authenticator, ProblemResponses problems, Duration retryAfter) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.retryAfter = retryAfter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.length() == BEARER.length()) {
            problems.unauthorized(request, response, "Authorization must be 'Bearer <API key>'");
            return;
        }
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(authorization.substring(BEARER.length()).strip());
        } catch (DataAccessException e) {
            log.warn("API key lookup failed: {}", e.getClass().getSimpleName());
            problems.unavailable(request, response, Math.max(1, retryAfter.toSeconds()));
            return;
        }
        if (caller.isEmpty()) {
            problems.unauthorized(request, response, "The API key is unknown, expired or revoked");
            return;
        }
        String named = request.getHeader(RequestHeaders.TENANT);
        boolean admin = caller.get().has(Role.ADMIN);
        if (named != null && !named.equals(caller.get().tenant()) && !admin) {
            problems.forbidden(request, response, "This API key acts for its own tenant only; drop "
                    + RequestHeaders.TENANT + " or send the key's tenant");
            return;
        }
        String tenant = named != null && admin ? named : caller.get().tenant();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller.get()));
        contexts.setContext(context);
        try {
            chain.doFilter(new TenantHeaderRequest(request, tenant), response);
        } finally {
            contexts.clearContext();
        }
    }
}
