package io.github.chanflux.chan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Capacities up to the largest array cost memory only for what is buffered (reliability item 16). */
class CapacityTest {

    @Test
    void capacityAboveTheLargestArrayIsRejectedWithGosMessage() {
        assertThatThrownBy(() -> Chan.make(Integer.MAX_VALUE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("makechan: size out of range")
                .hasMessageContaining("2147483647");
    }

    @Test
    void theLargestCapacityAllocatesOnlyWhatIsBuffered() throws InterruptedException {
        Chan<Integer> c = Chan.make(Chan.MAX_CAPACITY);
        assertThat(c.cap()).isEqualTo(Integer.MAX_VALUE - 8);
        for (int i = 0; i < 5_000; i++) {
            assertThat(c.trySend(i)).isTrue();
        }
        assertThat(c.len()).isEqualTo(5_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(c.receive().value()).isEqualTo(i);
        }
        assertThat(c.tryReceive()).isNull();
    }

    /** The buffer grows while its values wrap around the end of the ring; FIFO order holds. */
    @Test
    void aGrowingBufferKeepsFifoOrderAcrossTheWrap() throws InterruptedException {
        Chan<Integer> c = Chan.make(10_000);
        int sent = 0;
        int received = 0;
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 1_500; i++) {
                assertThat(c.trySend(sent++)).isTrue();
            }
            for (int i = 0; i < 700; i++) {
                assertThat(c.receive().value()).isEqualTo(received++);
            }
        }
        assertThat(c.len()).isEqualTo(sent - received);
        while (received < sent) {
            assertThat(c.receive().value()).isEqualTo(received++);
        }
    }

    @Test
    void aFullLargeBufferBlocksTheSenderAtItsCapacity() {
        Chan<Integer> c = Chan.make(3_000);
        for (int i = 0; i < 3_000; i++) {
            assertThat(c.trySend(i)).isTrue();
        }
        assertThat(c.trySend(3_000)).isFalse();
        assertThat(c.len()).isEqualTo(3_000);
    }
}
