package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.fanIn;
import static io.github.chanflux.pattern.Patterns.fanOut;
import static io.github.chanflux.pattern.Patterns.fanOutOrdered;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FanInTest extends DoneScope {

    @Test
    void fanInMergesEveryValueOfEveryChannel() {
        RecvChan<Integer> merged = fanIn(done, generator(done, 1, 2, 3), generator(done, 4), generator(done, 5, 6));
        assertThat(drain(merged)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
    }

    @Test
    void fanInKeepsTheOrderOfEachInput() {
        RecvChan<Integer> merged = fanIn(done, generator(done, 1, 2, 3), generator(done, 10, 20, 30));
        assertThat(drain(merged)).containsSubsequence(1, 2, 3).containsSubsequence(10, 20, 30);
    }

    @Test
    void fanInOfNoChannelIsClosed() throws InterruptedException {
        assertThat(fanIn(done).receive().ok()).isFalse();
    }

    @Test
    void closingDoneStopsFanInOverEndlessInputs() throws InterruptedException {
        RecvChan<Integer> merged = fanIn(done, repeat(done, 1), repeat(done, 2));
        merged.receive();
        done.close();
        drain(merged);
        assertThat(merged.receive().ok()).isFalse();
    }

    @Test
    void fanOutRunsEveryValueThroughOneOfTheWorkers() {
        RecvChan<Integer> squares = fanOut(done, generator(done, 1, 2, 3, 4, 5), 3, i -> i * i);
        assertThat(drain(squares)).containsExactlyInAnyOrder(1, 4, 9, 16, 25);
    }

    @Test
    void fanOutOrderedKeepsInputOrderWhenALaterValueFinishesFirst() {
        CountDownLatch lastFinished = new CountDownLatch(1);
        RecvChan<Integer> results = fanOutOrdered(done, generator(done, 1, 2, 3), 3, i -> {
            if (i == 1) {
                awaitUninterruptibly(lastFinished);
            } else if (i == 3) {
                lastFinished.countDown();
            }
            return i * 10;
        });
        assertThat(drain(results)).containsExactly(10, 20, 30);
    }

    /** A failed value is missing; the other worker goes on with the rest. */
    @Test
    void fanOutOrderedLeavesOutAFailedValue() {
        RecvChan<Integer> results = fanOutOrdered(done, generator(done, 1, 2, 3), 2, i -> {
            if (i == 2) {
                throw new IllegalStateException("no 2");
            }
            return i * 10;
        });
        assertThat(drain(results)).containsExactly(10, 30);
    }

    /** Once every worker has ended with an exception, the output closes: it used to stay open, its reader waiting forever. */
    @Test
    void fanOutOrderedWhoseWorkersHaveAllFailedCloses() {
        RecvChan<Integer> results = fanOutOrdered(done, generator(done, 1, 2, 3), 1, i -> {
            if (i == 1) {
                throw new IllegalStateException("no 1");
            }
            return i * 10;
        });
        assertThat(drain(results)).isEmpty();
    }

    @Test
    void fanOutRejectsFewerThanOneWorker() {
        assertThatThrownBy(() -> fanOut(done, Chan.<Integer>nil(), 0, i -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> fanOutOrdered(done, Chan.<Integer>nil(), -2, i -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -2");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
