/**
 * Wiring and cross-cutting concerns: configuration properties, the shared store beans and clock,
 * the request body size limit, keyset paging for every listing, idempotent replay, and the mapping of
 * every failure to an RFC 9457 problem (400 naming each invalid field, 503 with Retry-After when the
 * database is unreachable, a generic 500 that leaks nothing otherwise).
 */
package dev.conveyor.frontend.system;
