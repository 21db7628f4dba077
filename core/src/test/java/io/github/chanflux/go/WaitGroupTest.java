package io.github.chanflux.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WaitGroupTest {

    @Test
    void awaitReturnsWhenEveryGoroutineIsDone() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        ConcurrentLinkedQueue<Integer> finished = new ConcurrentLinkedQueue<>();
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            wg.add(1);
            Go.go(() -> {
                try {
                    release.await();
                    finished.add(n);
                } finally {
                    wg.done();
                }
            });
        }
        assertThat(wg.toString()).isEqualTo("WaitGroup[100]");
        release.countDown();
        wg.await();
        assertThat(finished).hasSize(100);
    }

    @Test
    void goCountsTheGoroutineHoweverItEnds() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        Thread failing = wg.go(() -> {
            throw new IllegalStateException("boom");
        });
        failing.setUncaughtExceptionHandler((t, e) -> {});
        int[] ran = {0};
        wg.go(() -> ran[0]++);
        wg.await();
        assertThat(ran[0]).isEqualTo(1);
        assertThat(wg.toString()).isEqualTo("WaitGroup[0]");
    }

    @Test
    void aNegativeCounterIsRejectedAndLeavesTheCounter() {
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        assertThatThrownBy(() -> wg.add(-3))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sync: negative WaitGroup counter: 2 + (-3)");
        assertThat(wg.toString()).isEqualTo("WaitGroup[2]");
        wg.done();
        wg.done();
        assertThatThrownBy(wg::done).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGroupIsReusableAfterAwait() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                wg.go(() -> {});
            }
            wg.await();
        }
        wg.await();
    }

    /**
     * The counter reaching zero releases every waiter, even if an add starts the group again
     * before the waiter has woken up (it used to go back to waiting for the next zero). The race
     * is run many times, since whether the waiter wakes before the add is up to the scheduler.
     */
    @Test
    void aWaiterReleasedByZeroReturnsEvenIfTheGroupStartsAgain() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        for (int round = 0; round < 500; round++) {
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    wg.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            while (waiter.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            wg.done();
            wg.add(1);
            waiter.join(Duration.ofMinutes(1)); // a guard against a hang, not a measure
            assertThat(waiter.isAlive())
                    .as("the waiter of round %d returned", round)
                    .isFalse();
        }
        wg.done();
    }
}
