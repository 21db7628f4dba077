package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.repeatFn;
import static io.github.chanflux.pattern.Patterns.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GeneratorTest extends DoneScope {

    @Test
    void generatorSendsItsValuesInOrderThenCloses() {
        assertThat(drain(generator(done, 1, 2, 3, 4))).containsExactly(1, 2, 3, 4);
    }

    @Test
    void generatorRejectsNullValues() {
        assertThatThrownBy(() -> generator(done, 1, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values[1]");
        assertThatThrownBy(() -> repeat(done, null, 2))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("values[0]");
        assertThatThrownBy(() -> Patterns.fanIn(done, Chan.<Integer>make(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("channels[1]");
        assertThatThrownBy(() -> Patterns.tee(done, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("in");
    }

    @Test
    void takeOfRepeatCyclesTheValues() {
        assertThat(drain(take(done, repeat(done, 1), 10))).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(drain(take(done, repeat(done, "a", "b"), 5))).containsExactly("a", "b", "a", "b", "a");
    }

    @Test
    void repeatRejectsNoValues() {
        assertThatThrownBy(() -> repeat(done))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void repeatFnCallsTheFunctionForEachValue() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(drain(take(done, repeatFn(done, calls::incrementAndGet), 3))).containsExactly(1, 2, 3);
    }

    @Test
    void takeNeverReadsBeyondNum() throws InterruptedException {
        Chan<Integer> in = Chan.make(5);
        for (int i = 1; i <= 5; i++) {
            in.send(i);
        }
        assertThat(drain(take(done, in, 2))).containsExactly(1, 2);
        assertThat(in.len()).isEqualTo(3);
    }

    @Test
    void takeClosesEarlyWhenItsInputCloses() {
        assertThat(drain(take(done, generator(done, 1, 2), 5))).containsExactly(1, 2);
    }

    @Test
    void takeRejectsNegativeNum() {
        assertThatThrownBy(() -> take(done, Chan.<Integer>nil(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void closingDoneStopsAnEndlessGenerator() throws InterruptedException {
        Chan<Void> stop = Chan.make();
        RecvChan<Integer> ones = repeat(stop, 1);
        assertThat(ones.receive().value()).isEqualTo(1);
        stop.close();
        drain(ones);
        assertThat(ones.receive().ok()).isFalse();
    }
}
