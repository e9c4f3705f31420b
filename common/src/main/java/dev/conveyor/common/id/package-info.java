/** Identifiers: time-ordered UUIDs for rows that are inserted often. */
package dev.conveyor.common.id;
