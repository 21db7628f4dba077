package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.queue;
import static io.github.chanflux.pattern.Patterns.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import org.junit.jupiter.api.Test;

class QueueTest extends DoneScope {

    @Test
    void queuePassesEveryValueInOrder() {
        assertThat(drain(queue(done, generator(done, 1, 2, 3, 4), 2))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void theStageBeforeRunsAheadUntilTheBufferIsFull() {
        RecvChan<Integer> queued = queue(done, repeat(done, 1), 3);
        while (queued.len() < 3) {
            Thread.onSpinWait();
        }
        assertThat(queued.len()).isEqualTo(queued.cap()).isEqualTo(3);
    }

    @Test
    void queueRejectsNegativeCapacity() {
        assertThatThrownBy(() -> queue(done, Chan.<Integer>nil(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
