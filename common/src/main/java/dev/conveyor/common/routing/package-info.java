/** Topic names and the routing rules that map a job to its typed topic. */
package dev.conveyor.common.routing;
