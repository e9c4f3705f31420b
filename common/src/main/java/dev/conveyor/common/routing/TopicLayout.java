package dev.conveyor.common.routing;

/**
 * How the topics the services create when they are missing are laid out: {@code conveyor.kafka.partitions} and
 * {@code conveyor.kafka.replication-factor}, read by the scheduler and the worker alike (each binds this record
 * from its environment). The partition count caps how many workers of one type consume in parallel, so it is
 * generous by default.
 *
 * @param partitions partitions of a created topic; null (not configured) means {@value #DEFAULT_PARTITIONS}
 * @param replicationFactor replicas of a created topic; null (not configured) means
 *     {@value #DEFAULT_REPLICATION_FACTOR}
 */
public record TopicLayout(Integer partitions, Short replicationFactor) {

    public static final int DEFAULT_PARTITIONS = 12;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;

    public TopicLayout {
        partitions = partitions == null ? DEFAULT_PARTITIONS : partitions;
        replicationFactor = replicationFactor == null ? DEFAULT_REPLICATION_FACTOR : replicationFactor;
        if (partitions < 1) {
            throw new IllegalArgumentException("conveyor.kafka.partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("conveyor.kafka.replication-factor must be at least 1, not "
                    + replicationFactor);
        }
    }
}
