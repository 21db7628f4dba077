package io.github.chanflux.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TickerTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();

    @Test
    void ticksEveryPeriodWithTheTimeOfTheTick() throws InterruptedException {
        try (Ticker ticker = clock.newTicker(SECOND)) {
            for (int i = 1; i <= 3; i++) {
                assertThat(ticker.c().tryReceive()).isNull();
                clock.advance(SECOND);
                assertThat(ticker.c().receive().value()).isEqualTo(t0.plusSeconds(i));
            }
        }
    }

    @Test
    void aSlowReaderMissesTicksInsteadOfGettingABacklog() throws InterruptedException {
        try (Ticker ticker = clock.newTicker(SECOND)) {
            clock.advance(Duration.ofMillis(5_500));
            assertThat(ticker.c().receive().value()).isEqualTo(t0.plusSeconds(1));
            assertThat(ticker.c().tryReceive()).isNull();
            clock.advance(Duration.ofMillis(500));
            assertThat(ticker.c().receive().value()).as("still on the grid").isEqualTo(t0.plusSeconds(6));
        }
    }

    @Test
    void stopEndsTheTicksAndDropsABufferedOne() {
        Ticker ticker = clock.newTicker(SECOND);
        clock.advance(SECOND);
        ticker.stop();
        clock.advance(Duration.ofSeconds(10));
        assertThat(ticker.c().tryReceive()).isNull();
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void resetStartsANewPeriodFromNow() throws InterruptedException {
        try (Ticker ticker = clock.newTicker(SECOND)) {
            clock.advance(Duration.ofMillis(700));
            ticker.reset(Duration.ofSeconds(2));
            clock.advance(Duration.ofMillis(1_999));
            assertThat(ticker.c().tryReceive()).isNull();
            clock.advance(Duration.ofMillis(1));
            assertThat(ticker.c().receive().value()).isEqualTo(t0.plusMillis(2_700));
        }
    }

    @Test
    void aNonPositivePeriodIsRejectedNamingIt() {
        assertThatThrownBy(() -> clock.newTicker(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("non-positive interval for NewTicker: PT0S");
        try (Ticker ticker = clock.newTicker(SECOND)) {
            assertThatThrownBy(() -> ticker.reset(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Ticker.Reset: PT-1S");
        }
    }

    @Test
    void tickOfANonPositivePeriodIsTheNilChannel() {
        assertThat(clock.tick(Duration.ZERO)).isSameAs(Chan.nil());
    }

    @Test
    void sleepReturnsWhenTheClockPassesTheDuration() throws InterruptedException {
        Chan<Instant> woke = Chan.make(1);
        Thread sleeper = Go.go(() -> {
            clock.sleep(Duration.ofSeconds(5));
            woke.send(clock.now());
        });
        clock.awaitTimers(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(woke.tryReceive()).isNull();
        clock.advance(SECOND);
        assertThat(woke.receive().value()).isEqualTo(t0.plusSeconds(5));
        sleeper.join();
    }

    @Test
    void theSystemClockTicks() throws InterruptedException {
        try (Ticker ticker = Clock.system().newTicker(Duration.ofMillis(1))) {
            RecvChan<Instant> c = ticker.c();
            assertThat(c.receive().ok()).isTrue();
            assertThat(c.receive().ok()).as("a second tick").isTrue();
        }
    }

    /**
     * A period shorter than it takes to arm the next tick (Go allows a nanosecond): the ticks
     * come as fast as the timer thread can send them, and arming one never fires it on the
     * caller's thread (which recursed until the stack overflowed).
     */
    @Test
    void aNanosecondPeriodTicksOnTheSystemClock() throws InterruptedException {
        try (Ticker ticker = Clock.system().newTicker(Duration.ofNanos(1))) {
            assertThat(ticker.c().receive().ok()).isTrue();
            assertThat(ticker.c().receive().ok()).as("a second tick").isTrue();
            ticker.reset(Duration.ofNanos(1));
            assertThat(ticker.c().receive().ok()).isTrue();
        }
    }

    @Test
    void aPeriodBeyondTheGridNeverTicksAndArmsNoTimer() throws InterruptedException {
        try (Ticker ticker = clock.newTicker(Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(clock.pendingTimers()).isZero();
            clock.advance(Duration.ofDays(365L * 200));
            assertThat(ticker.c().tryReceive()).isNull();
            ticker.reset(SECOND);
            clock.advance(SECOND);
            assertThat(ticker.c().receive().value()).isEqualTo(clock.now());
        }
        try (Ticker onTheSystemClock = Clock.system().newTicker(Duration.ofSeconds(Long.MAX_VALUE))) {
            assertThat(onTheSystemClock.c().tryReceive()).isNull();
        }
    }
}
