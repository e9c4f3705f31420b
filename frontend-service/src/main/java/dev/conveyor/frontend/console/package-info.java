/**
 * The web console at {@code /ui/}: static pages (plain ES modules served from the jar, nothing fetched at run time)
 * that call the public API with the API key the user signs in with, plus the few endpoints only a live view needs:
 * who the key is ({@code GET /api/v1/console/session}), job counts by state ({@code GET /api/v1/jobs/counts}) and a
 * server-sent stream of job state changes ({@code GET /api/v1/jobs/stream}). One shared reader of the job history
 * feeds every open stream, so a hundred open consoles cost one query per interval, not a hundred.
 */
package dev.conveyor.frontend.console;
