/**
 * The catalogue of job types workers have registered, with their params schemas. Submissions are
 * checked against it ({@code ParamsCheck}: size, type, schema) through a bounded, short-lived cache of
 * compiled schemas; the listing endpoint shows
 * each type with the topic its jobs are routed to, using the scheduler's routing configuration.
 */
package dev.conveyor.frontend.jobtype;
