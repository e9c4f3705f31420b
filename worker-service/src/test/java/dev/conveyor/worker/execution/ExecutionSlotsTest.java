package dev.conveyor.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionSlotsTest {

    @Test
    void signals_when_the_last_slot_is_taken_and_when_one_frees() {
        List<String> signals = new ArrayList<>();
        ExecutionSlots slots = new ExecutionSlots(2);
        slots.listener(new ExecutionSlots.Listener() {
            @Override
            public void exhausted() {
                signals.add("pause");
            }

            @Override
            public void available() {
                signals.add("resume");
            }
        });

        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
        slots.release();
        slots.release();

        assertThat(signals).containsExactly("pause", "resume");
        assertThat(slots.free()).isEqualTo(2);
    }
}
