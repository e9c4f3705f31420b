/** What the API adds to Spring Boot's own meters: latency buckets for the request timer. */
package dev.conveyor.frontend.metrics;
