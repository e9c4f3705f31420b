package dev.conveyor.worker.consume;

import java.util.List;

/** The typed topics this worker consumes: configured, or one per handler type it carries. */
record ConsumedTopics(List<String> names) {

    ConsumedTopics {
        names = List.copyOf(names);
        if (names.isEmpty()) {
            throw new IllegalStateException("The worker consumes no topic: it carries no handler and "
                    + "conveyor.worker.topics is empty");
        }
    }
}
