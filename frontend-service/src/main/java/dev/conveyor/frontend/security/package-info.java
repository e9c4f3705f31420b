/**
 * Who may call the API and as which tenant. Every {@code /api/**} request carries {@code Authorization: Bearer
 * <key>}; the key (stored only as a hash) names one tenant and the roles it grants. The tenant of a request is
 * its key's, never a header's, except that an {@code admin} key may act for any tenant through
 * {@code X-Conveyor-Tenant}. Roles are checked per endpoint; submitting a job that runs caller-written SQL
 * needs the {@code sql} role on top of {@code submit}. Another tenant's resources read as 404 because every
 * lookup is already scoped to the request's tenant.
 */
package dev.conveyor.frontend.security;
