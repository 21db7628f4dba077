package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.bridge;
import static io.github.chanflux.pattern.Patterns.generator;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import org.junit.jupiter.api.Test;

class BridgeTest extends DoneScope {

    /** The book's genVals: ten channels of one value each. */
    static RecvChan<RecvChan<Integer>> genVals() {
        Chan<RecvChan<Integer>> chanStream = Chan.make();
        Go.go(() -> {
            try (chanStream) {
                for (int i = 0; i < 10; i++) {
                    Chan<Integer> stream = Chan.make(1);
                    stream.send(i);
                    stream.close();
                    chanStream.send(stream);
                }
            }
        });
        return chanStream;
    }

    @Test
    void bridgeReadsTheStreamsOneAfterAnotherAsInTheBook() {
        assertThat(drain(bridge(done, genVals()))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void theNextStreamIsNotReadUntilTheCurrentOneCloses() throws InterruptedException {
        Chan<RecvChan<Integer>> chanStream = Chan.make(2);
        Chan<Integer> first = Chan.make();
        chanStream.send(first);
        chanStream.send(generator(done, 9));
        RecvChan<Integer> values = bridge(done, chanStream);
        first.send(1);
        assertThat(values.receive().value()).isEqualTo(1);
        assertThat(chanStream.len()).isEqualTo(1);
        assertThat(values.tryReceive()).isNull();
        first.close();
        chanStream.close();
        assertThat(drain(values)).containsExactly(9);
    }

    @Test
    void closingDoneStopsTheBridgeInsideAStream() throws InterruptedException {
        Chan<RecvChan<Integer>> chanStream = Chan.make(1);
        chanStream.send(Chan.make());
        RecvChan<Integer> values = bridge(done, chanStream);
        done.close();
        assertThat(values.receive().ok()).isFalse();
    }
}
