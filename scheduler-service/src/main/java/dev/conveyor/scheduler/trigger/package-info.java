/**
 * File-arrival triggers: each new file in a watched directory (inside the files directory) whose name matches the
 * trigger's glob starts one job or manifest. {@link dev.conveyor.scheduler.trigger.TriggerScanner} lists every
 * active trigger's directory, records what it saw and starts the files whose size and modification time stayed the
 * same for {@code stable-after}, each in a transaction that moves the file's row SEEN -> STARTED with a guarded
 * update and stores its work, so every file starts exactly once across replicas;
 * {@link dev.conveyor.scheduler.trigger.TriggerLoop} runs a scan at a fixed delay. Periodic rescans are the whole
 * mechanism: they see a file however it arrived, and leave room for other sources (bucket notifications) that
 * would only wake a scan earlier.
 */
package dev.conveyor.scheduler.trigger;
