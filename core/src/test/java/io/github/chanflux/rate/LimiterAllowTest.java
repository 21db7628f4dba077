package io.github.chanflux.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Go's rate_test.go: the allow tables, simultaneous requests, long-running QPS, limits. */
class LimiterAllowTest {

    static final Duration D = Duration.ofMillis(100);
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    /** t0 + i·d, Go's t0…t9. */
    static Instant t(int i) {
        return T0.plus(D.multipliedBy(i));
    }

    /** One step of Go's {@code run}: tokens expected at t, then allowN(t, n) expected ok. */
    record Allow(Instant t, double tokens, int n, boolean ok) {}

    static void run(Limiter lim, List<Allow> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Allow step = steps.get(i);
            assertThat(lim.tokensAt(step.t())).as("step %d: tokensAt", i).isEqualTo(step.tokens());
            assertThat(lim.allowN(step.t(), step.n()))
                    .as("step %d: allowN(%d)", i, step.n())
                    .isEqualTo(step.ok());
        }
    }

    @Test
    void burst1() {
        run(
                new Limiter(Limit.of(10), 1),
                List.of(
                        new Allow(t(0), 1, 1, true),
                        new Allow(t(0), 0, 1, false),
                        new Allow(t(0), 0, 1, false),
                        new Allow(t(1), 1, 1, true),
                        new Allow(t(1), 0, 1, false),
                        new Allow(t(1), 0, 1, false),
                        new Allow(t(2), 1, 2, false),
                        new Allow(t(2), 1, 1, true),
                        new Allow(t(2), 0, 1, false)));
    }

    @Test
    void burst3() {
        run(
                new Limiter(Limit.of(10), 3),
                List.of(
                        new Allow(t(0), 3, 2, true),
                        new Allow(t(0), 1, 2, false),
                        new Allow(t(0), 1, 1, true),
                        new Allow(t(0), 0, 1, false),
                        new Allow(t(1), 1, 4, false),
                        new Allow(t(2), 2, 1, true),
                        new Allow(t(3), 2, 1, true),
                        new Allow(t(4), 2, 1, true),
                        new Allow(t(4), 1, 1, true),
                        new Allow(t(4), 0, 1, false),
                        new Allow(t(4), 0, 1, false),
                        new Allow(t(9), 3, 3, true),
                        new Allow(t(9), 0, 0, true)));
    }

    @Test
    void jumpBackwards() {
        run(
                new Limiter(Limit.of(10), 3),
                List.of(
                        new Allow(t(1), 3, 1, true),
                        new Allow(t(0), 2, 1, true),
                        new Allow(t(0), 1, 1, true),
                        new Allow(t(0), 0, 1, false),
                        new Allow(t(0), 0, 1, false),
                        new Allow(t(1), 1, 1, true),
                        new Allow(t(1), 0, 1, false),
                        new Allow(t(1), 0, 1, false),
                        new Allow(t(2), 1, 1, true),
                        new Allow(t(2), 0, 1, false),
                        new Allow(t(2), 0, 1, false)));
    }

    @Test
    void noTruncationErrors() {
        assertThat(new Limiter(Limit.of(0.7692307692307693), 1).allowN(T0, 1)).isTrue();
    }

    @Test
    void simultaneousRequestsAllowExactlyTheBurst() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(1), 5);
        AtomicInteger allowed = new AtomicInteger();
        race(15, Thread.ofVirtual(), () -> {
            if (lim.allowN(T0, 1)) {
                allowed.incrementAndGet();
            }
        });
        assertThat(allowed).hasValue(5);
    }

    @Test
    void onAFakeClockTheLimitersTimeIsTheClocks() {
        FakeClock clock = new FakeClock(T0);
        Limiter lim = new Limiter(Limit.of(1), 1, clock);
        assertThat(lim.now()).isEqualTo(T0);
        clock.advance(D);
        assertThat(lim.now()).isEqualTo(t(1));
    }

    /** On the system clock the limiter counts time with {@code System.nanoTime()}, from an anchor. */
    @Test
    void onTheSystemClockTheLimitersTimeIsTheMonotonicClock() {
        Limiter lim = new Limiter(Limit.of(1), 1);
        long before = System.nanoTime();
        long read = lim.nowNanos() - Limiter.SYSTEM_EPOCH;
        long after = System.nanoTime();
        assertThat(read).isBetween(before, after);
    }

    /** Times from {@code now()} and the calls that read the clock themselves share one time base. */
    @Test
    void explicitAndImplicitTimesShareOneBase() {
        Limiter lim = new Limiter(Limit.every(Duration.ofDays(1)), 1);
        assertThat(lim.reserveN(lim.now(), 1).delay()).isZero();
        assertThat(lim.allow()).isFalse();
        Reservation ahead = lim.reserve();
        assertThat(ahead.delayFrom(lim.now())).isGreaterThan(Duration.ofHours(23));
        ahead.cancelAt(lim.now());
        assertThat(lim.tokens()).isBetween(0.0, 0.001);
    }

    /** 8 threads race 4 000 allowN calls at one instant for a burst of 1 000: exactly 1 000 win. */
    @Test
    void racingCallersNeverGetMoreThanTheTokens() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(1), 1_000);
        AtomicInteger allowed = new AtomicInteger();
        race(8, Thread.ofPlatform(), () -> {
            for (int k = 0; k < 500; k++) {
                if (lim.allowN(T0, 1)) {
                    allowed.incrementAndGet();
                }
            }
        });
        assertThat(allowed).hasValue(1_000);
        assertThat(lim.tokensAt(T0)).isZero();
    }

    /**
     * Interrupted virtual threads, more than there are carriers, race for the bucket: the lock
     * neither throws nor clears their interrupt status, and exactly the burst is granted.
     */
    @Test
    void interruptedCallersKeepTheirStatusAndGetExactlyTheTokens() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(1), 1_000);
        AtomicInteger allowed = new AtomicInteger();
        AtomicInteger stillInterrupted = new AtomicInteger();
        int racers = 4 * Runtime.getRuntime().availableProcessors();
        race(racers, Thread.ofVirtual(), () -> {
            Thread.currentThread().interrupt();
            for (int k = 0; k < 500; k++) {
                if (lim.allowN(T0, 1)) {
                    allowed.incrementAndGet();
                }
                assertThat(lim.tokensAt(T0)).isBetween(0.0, 1_000.0);
            }
            if (Thread.currentThread().isInterrupted()) {
                stillInterrupted.incrementAndGet();
            }
        });
        assertThat(allowed).hasValue(1_000);
        assertThat(stillInterrupted).hasValue(racers);
    }

    @Test
    void longRunningQpsStaysWithinTheIdealCount() {
        Limiter lim = new Limiter(Limit.of(100), 100);
        int allowed = 0;
        Instant end = T0.plusSeconds(5);
        Instant now = T0;
        for (; now.isBefore(end); now = now.plusMillis(2)) {
            if (lim.allowN(now, 1)) {
                allowed++;
            }
        }
        double ideal = 100 + 100 * Duration.between(T0, now).toNanos() / 1e9;
        assertThat(allowed).isLessThanOrEqualTo((int) (ideal + 1)).isGreaterThanOrEqualTo((int) (0.999 * ideal));
    }

    @Test
    void zeroLimitAllowsTheInitialBurstOnly() {
        Limiter lim = new Limiter(Limit.of(0), 1);
        assertThat(lim.allowN(T0, 1)).isTrue();
        assertThat(lim.allowN(T0.plusSeconds(3600), 1)).isFalse();
    }

    @Test
    void tinyLimitDoesNotOverflow() {
        Limiter lim = new Limiter(Limit.of(1e-10), 1);
        assertThat(lim.allowN(T0, 1)).isTrue();
        assertThat(lim.allowN(T0, 1)).isFalse();
    }

    @Test
    void infiniteLimitAllowsEverythingEvenWithZeroBurst() {
        Limiter lim = new Limiter(Limit.INF, 0);
        assertThat(lim.allowN(T0, 1_000)).isTrue();
        assertThat(lim.allowN(T0, 1_000)).isTrue();
    }

    @Test
    void zeroBurstWithFiniteLimitAllowsNothing() {
        assertThat(new Limiter(Limit.of(1_000), 0).allowN(T0.plusSeconds(10), 1))
                .isFalse();
    }

    @Test
    void limitsAreBuiltAsInGo() {
        assertThat(Limit.every(Duration.ofMillis(100)).perSecond()).isEqualTo(10);
        assertThat(Limit.every(Duration.ZERO)).isEqualTo(Limit.INF);
        assertThat(Limit.per(10, Duration.ofMinutes(1)).perSecond()).isEqualTo(1.0 / 6);
        assertThat(Limit.per(2, Duration.ofSeconds(1)).perSecond()).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> Limit.of(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> Limit.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new Limiter(Limit.of(1), -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> Limit.per(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> new Limiter(null, 1))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("limit");
    }

    /**
     * Starts {@code n} threads of {@code builder}, releases them at once into {@code body}, joins
     * them, and fails with the first failure any of them threw (an assertion included).
     */
    private static void race(int n, Thread.Builder builder, Runnable body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = builder.start(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a racing thread failed", failure.get());
        }
    }
}
