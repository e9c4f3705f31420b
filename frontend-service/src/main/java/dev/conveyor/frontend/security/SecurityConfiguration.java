package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.FrontendProperties;
import dev.conveyor.store.ApiKeyStore;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what. Stateless: every request presents its key, nothing is kept between requests. On the API
 * port only the health probes ({@code /livez}, {@code /readyz}; {@code /actuator/health} when actuator shares the
 * port) answer without a key; Swagger UI and the OpenAPI document need any valid key; each
 * endpoint needs its role. The management port (when it is a port of its own) is left to the network.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@OpenAPIDefinition(security = @SecurityRequirement(name = "apiKey"))
@SecurityScheme(name = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key: Authorization: Bearer cvk_...")
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * No observations of Spring Security's own: it would wrap each filter of the chain (and the authorization
     * manager) in one, which says only that a filter ran and cost a quarter of the request threads' CPU per job in
     * the benchmark. The request keeps its own span and timer.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * A URL Spring Security's firewall refuses ({@code //}, an encoded slash or dot segment, a control character)
     * answers a 400 problem like any other bad request, instead of the servlet container's error page.
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler(JsonMapper mapper) {
        ProblemResponses problems = new ProblemResponses(mapper);
        return (request, response, rejected) -> {
            if (!response.isCommitted()) {
                problems.badRequest(request, response, "The request's URL is not allowed");
            }
        };
    }

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties security, FrontendProperties frontend,
            ApiKeyStore keys, Clock clock, JsonMapper mapper, Environment environment) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!security.enabled()) {
            log.warn("API authentication is OFF (conveyor.security.enabled=false): anyone who reaches this port may"
                    + " act as any tenant. Use this only in tests.");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
        }
        ProblemResponses problems = new ProblemResponses(mapper);
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(keys, security, clock);
        http.addFilterBefore(new ApiKeyFilter(authenticator, problems, frontend.retryAfter()),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problems.unauthorized(request, response, "An API key is required: Authorization:"
                                        + " Bearer <key>"))
                        .accessDeniedHandler((request, response, e) ->
                                problems.forbidden(request, response, "This API key lacks the role this request"
                                        + " needs")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(managementPort(environment)).permitAll()
                        .requestMatchers("/livez", "/readyz", "/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        // the console's page and assets hold no data: every call they make presents the key
                        .requestMatchers(HttpMethod.GET, "/ui", "/ui/**").permitAll()
                        .requestMatchers("/api/v1/admin/**").hasAuthority(Role.ADMIN.authority())
                        .requestMatchers("/api/v1/webhook-secret", "/api/v1/webhook-secret/**")
                        .hasAuthority(Role.ADMIN.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs", "/api/v1/jobs/batch", "/api/v1/manifests")
                        .hasAuthority(Role.SUBMIT.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/cancel", "/api/v1/jobs/*/retry",
                                "/api/v1/manifests/*/cancel").hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/schedules").hasAuthority(Role.SUBMIT.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/schedules/*/trigger")
                        .hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/schedules/*").hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/schedules/*").hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.POST, "/api/v1/triggers").hasAuthority(Role.SUBMIT.authority())
                        .requestMatchers(HttpMethod.PATCH, "/api/v1/triggers/*").hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/triggers/*").hasAuthority(Role.OPERATE.authority())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAuthority(Role.READ.authority())
                        .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                        .authenticated()
                        .anyRequest().denyAll());
        return http.build();
    }

    /**
     * Requests on the management port, when actuator has a port of its own: it is reached only from inside the
     * cluster (Prometheus, probes) and answers without a key.
     */
    private static RequestMatcher managementPort(Environment environment) {
        return request -> {
            Integer port = environment.getProperty("local.management.port", Integer.class);
            Integer server = environment.getProperty("local.server.port", Integer.class);
            return port != null && !port.equals(server) && request.getLocalPort() == port;
        };
    }
}
