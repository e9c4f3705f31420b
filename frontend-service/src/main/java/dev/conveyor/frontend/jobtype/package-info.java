/**
 * The catalogue of job types workers have registered, with their params schemas. Submissions are
 * validated against it through a short-lived cache of compiled schemas; the listing endpoint shows
 * each type with the topic its jobs are routed to, using the scheduler's routing configuration.
 */
package dev.conveyor.frontend.jobtype;
