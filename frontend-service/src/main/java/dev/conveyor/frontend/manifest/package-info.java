/**
 * Manifests: sets of jobs with dependencies, submitted together. A submission is checked as a whole
 * before anything is stored (unique keys, known dependencies, no cycle, at most 1,000 jobs, registered
 * types, params against their schemas, and {@code ${jobs.<key>.result.<field>}} references only to
 * upstream jobs), then the manifest, its jobs and its edges commit in one transaction and the jobs
 * without dependencies are announced. The scheduler releases the others as their dependencies succeed
 * and records the manifest's state; reads (through {@code ManifestRepository} and the job repository)
 * derive the state from the jobs, cancelling a manifest cancels each of its unfinished jobs under the
 * manifest's row lock.
 */
package dev.conveyor.frontend.manifest;
