/**
 * Manifest advancement, decided then applied. When a job of a manifest finishes (an event on
 * {@code conveyor.jobs.events}, or the sweep finding a manifest whose event was lost),
 * {@link dev.conveyor.scheduler.manifest.ManifestAdvancer} locks the manifest row, builds a snapshot of its
 * jobs and edges, lets the pure {@code ManifestDecider} choose what to skip, what to dispatch and whether the
 * manifest is finished, and applies that with guarded updates in the same transaction. Ready jobs get their
 * {@code ${jobs.<key>.result.<field>}} references resolved ({@code ResultReferences} in common) and stored on the row before they go through the ordinary dispatch path; an unresolvable reference
 * fails the job and its dependents are skipped. Because everything happens under the manifest lock and every
 * move is guarded, concurrent events and duplicates dispatch each job once.
 */
package dev.conveyor.scheduler.manifest;
