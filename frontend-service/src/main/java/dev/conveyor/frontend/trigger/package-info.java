/**
 * File-arrival triggers through the API: create one on a directory inside the files directory with a glob and the
 * job or manifest each new file starts (checked exactly like a {@code POST /api/v1/jobs} or {@code /manifests}, with
 * {@code ${trigger.path}}, {@code ${trigger.name}} and {@code ${trigger.size}} allowed in its params), read it and
 * the files it saw with what each started, pause, resume or delete it. The scheduler scans the directories and
 * starts the work; this package only writes the trigger rows through the store.
 */
package dev.conveyor.frontend.trigger;
