/** The job life cycle: states and the transitions allowed between them. */
package dev.conveyor.common.job;
