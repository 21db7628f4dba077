package io.github.chanflux.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FakeClockTest {

    private static final Instant T0 = Instant.parse("2020-02-02T10:00:00Z");

    private final FakeClock clock = new FakeClock(T0);

    @Test
    void nowReadsStartUntilAdvanced() {
        assertThat(clock.now()).isEqualTo(T0);
        clock.advance(Duration.ofSeconds(3));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void defaultStartIsEpoch() {
        assertThat(new FakeClock().now()).isEqualTo(FakeClock.EPOCH);
    }

    @Test
    void timerFiresOnlyWhenDue() {
        List<String> fired = new ArrayList<>();
        clock.afterFunc(Duration.ofSeconds(2), () -> fired.add("t"));
        clock.advance(Duration.ofMillis(1999));
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(fired).containsExactly("t");
    }

    @Test
    void advanceFiresDueTimersInTimeOrderEachOnce() {
        List<String> fired = new CopyOnWriteArrayList<>();
        clock.afterFunc(Duration.ofSeconds(3), () -> fired.add("3s"));
        clock.afterFunc(Duration.ofSeconds(1), () -> fired.add("1s"));
        clock.afterFunc(Duration.ofSeconds(2), () -> fired.add("2s-a"));
        clock.afterFunc(Duration.ofSeconds(2), () -> fired.add("2s-b"));
        clock.advance(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(fired).containsExactly("1s", "2s-a", "2s-b", "3s");
    }

    @Test
    void callbackSeesNowAtItsDueTime() {
        List<Instant> seen = new ArrayList<>();
        clock.afterFunc(Duration.ofSeconds(1), () -> seen.add(clock.now()));
        clock.advance(Duration.ofMinutes(1));
        assertThat(seen).containsExactly(T0.plusSeconds(1));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void timerArmedByCallbackFiresInSameAdvanceWhenDue() {
        List<Instant> fired = new ArrayList<>();
        clock.afterFunc(
                Duration.ofSeconds(1), () -> clock.afterFunc(Duration.ofSeconds(1), () -> fired.add(clock.now())));
        clock.advance(Duration.ofSeconds(5));
        assertThat(fired).containsExactly(T0.plusSeconds(2));
    }

    @Test
    void nonPositiveDelayFiresAtOnce() {
        List<String> fired = new ArrayList<>();
        Timer t = clock.afterFunc(Duration.ZERO, () -> fired.add("zero"));
        clock.afterFunc(Duration.ofSeconds(-1), () -> fired.add("negative"));
        assertThat(fired).containsExactly("zero", "negative");
        assertThat(t.stop()).isFalse();
    }

    @Test
    void stopBeforeFirePreventsIt() {
        List<String> fired = new ArrayList<>();
        Timer t = clock.afterFunc(Duration.ofSeconds(1), () -> fired.add("t"));
        assertThat(t.stop()).isTrue();
        assertThat(t.stop()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(fired).isEmpty();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void stopAfterFireReturnsFalse() {
        Timer t = clock.afterFunc(Duration.ofSeconds(1), () -> {});
        clock.advance(Duration.ofSeconds(1));
        assertThat(t.stop()).isFalse();
    }

    @Test
    void afterReceivesFireInstant() throws InterruptedException {
        RecvChan<Instant> c = clock.after(Duration.ofSeconds(5));
        assertThat(c.tryReceive()).isNull();
        clock.advance(Duration.ofSeconds(7));
        assertThat(c.receive()).isEqualTo(Received.of(T0.plusSeconds(5)));
        assertThat(c.cap()).isEqualTo(1);
    }

    @Test
    void awaitTimersReturnsOnceGoroutineArmsTimer() throws InterruptedException {
        var woke = Chan.<Instant>make();
        Thread g = Go.go(
                () -> woke.send(clock.after(Duration.ofSeconds(1)).receive().value()));
        clock.awaitTimers(1);
        assertThat(clock.pendingTimers()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(woke.receive().value()).isEqualTo(T0.plusSeconds(1));
        g.join();
    }

    @Test
    void timersArmedConcurrentlyAllFireOnce() throws InterruptedException {
        int n = 50;
        var woke = Chan.<Instant>make(n);
        List<Thread> sleepers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sleepers.add(Go.go(
                    () -> woke.send(clock.after(Duration.ofSeconds(1)).receive().value())));
        }
        clock.awaitTimers(n);
        clock.advance(Duration.ofSeconds(1));
        for (Thread t : sleepers) {
            t.join();
        }
        assertThat(woke.len()).isEqualTo(n);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void setMovesToInstantAndFiresDueTimers() {
        List<String> fired = new ArrayList<>();
        clock.afterFunc(Duration.ofHours(1), () -> fired.add("1h"));
        clock.set(T0.plus(Duration.ofHours(2)));
        assertThat(fired).containsExactly("1h");
        assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void setBackwardsIsRejectedNamingBothInstants() {
        assertThatThrownBy(() -> clock.set(T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(T0.minusSeconds(1).toString())
                .hasMessageContaining(T0.toString());
    }

    @Test
    void negativeAdvanceIsRejected() {
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT-1S");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> clock.afterFunc(null, () -> {})).hasMessage("delay");
        assertThatThrownBy(() -> clock.afterFunc(Duration.ZERO, null)).hasMessage("f");
        assertThatThrownBy(() -> new FakeClock(null)).hasMessage("start");
    }

    @Test
    void hugeDelaySaturatesToTheEndOfTime() {
        List<String> fired = new ArrayList<>();
        Timer t = clock.afterFunc(Duration.ofSeconds(Long.MAX_VALUE), () -> fired.add("t"));
        clock.advance(Duration.ofDays(365 * 1000));
        assertThat(fired).isEmpty();
        assertThat(clock.pendingTimers()).isEqualTo(1);
        assertThat(t.stop()).isTrue();
    }

    @Test
    void hugeAdvanceSaturatesAtInstantMaxAndFiresEveryTimer() {
        List<String> fired = new ArrayList<>();
        clock.afterFunc(Duration.ofSeconds(Long.MAX_VALUE), () -> fired.add("end"));
        clock.afterFunc(Duration.ofDays(1), () -> fired.add("day"));
        clock.advance(Duration.ofSeconds(Long.MAX_VALUE));
        assertThat(clock.now()).isEqualTo(Instant.MAX);
        assertThat(fired).containsExactly("day", "end");
        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.now()).isEqualTo(Instant.MAX);
    }

    /** Moves take turns: two threads that each advance the clock by a second move it by two. */
    @Test
    void concurrentAdvancesAddUp() throws InterruptedException {
        int steps = 10_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> movers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            movers.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int s = 0; s < steps; s++) {
                    clock.advance(Duration.ofSeconds(1));
                }
            }));
        }
        go.countDown();
        for (Thread t : movers) {
            t.join();
        }
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(2L * steps));
    }

    /**
     * A callback that moves the clock further: the timers due by its target fire inside it, in
     * order, and the move that fired it ends where the clock is, without "time going backwards".
     */
    @Test
    void aCallbackMayMoveTheClockFurther() {
        List<String> fired = new ArrayList<>();
        clock.afterFunc(Duration.ofSeconds(1), () -> {
            fired.add("mover at " + clock.now());
            clock.advance(Duration.ofSeconds(10));
        });
        clock.afterFunc(Duration.ofSeconds(5), () -> fired.add("5s at " + clock.now()));
        clock.advance(Duration.ofSeconds(2));
        assertThat(fired).containsExactly("mover at " + T0.plusSeconds(1), "5s at " + T0.plusSeconds(5));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(11));
    }

    @Test
    void anInterruptedSleepLeavesNoTimer() throws InterruptedException {
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread sleeper = Thread.ofVirtual().start(() -> {
            try {
                clock.sleep(Duration.ofHours(1));
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        clock.awaitTimers(1);
        sleeper.interrupt();
        sleeper.join();
        assertThat(ended.join()).isInstanceOf(InterruptedException.class);
        assertThat(clock.pendingTimers()).isZero();
    }
}
