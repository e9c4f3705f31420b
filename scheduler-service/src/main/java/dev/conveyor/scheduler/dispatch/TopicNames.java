package dev.conveyor.scheduler.dispatch;

import java.util.regex.Pattern;

/** Kafka's rule for topic names, checked before a send so an unusable job type fails instead of retrying forever. */
final class TopicNames {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicNames() {
    }

    static boolean isValid(String topic) {
        return topic != null && LEGAL.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..");
    }
}
