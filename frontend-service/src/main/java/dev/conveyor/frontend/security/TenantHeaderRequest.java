package dev.conveyor.frontend.security;

import dev.conveyor.frontend.system.RequestHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The request as the handlers see it once its tenant is decided: {@code X-Conveyor-Tenant} reads as the
 * authenticated tenant whatever the client sent. Every feature keeps reading the tenant where it always has, and
 * none can read a forged one.
 */
final class TenantHeaderRequest extends HttpServletRequestWrapper {

    private final String tenant;

    TenantHeaderRequest(HttpServletRequest request, String tenant) {
        super(request);
        this.tenant = tenant;
    }

    @Override
    public String getHeader(String name) {
        return isTenant(name) ? tenant : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return isTenant(name) ? Collections.enumeration(Set.of(tenant)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        Set<String> names = new LinkedHashSet<>(Collections.list(super.getHeaderNames()));
        if (names.stream().noneMatch(TenantHeaderRequest::isTenant)) {
            names.add(RequestHeaders.TENANT);
        }
        return Collections.enumeration(names);
    }

    private static boolean isTenant(String name) {
        return RequestHeaders.TENANT.equalsIgnoreCase(name);
    }
}
