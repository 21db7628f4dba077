package io.github.chanflux.time;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The source of time and timers: Go's {@code time.Now}, {@code time.AfterFunc} and
 * {@code time.After}, made injectable so that code which reads the clock (context deadlines,
 * rate limiters, heartbeats) runs on fake time in tests ("Concurrency in Go" 4.12, 5.3, 5.5).
 *
 * <p>{@link #system()} is the real clock; {@link FakeClock} is moved by hand. A component that
 * reads the time takes a {@code Clock} and defaults to {@code Clock.system()}.
 */
public interface Clock {

    /** The current instant: Go's {@code time.Now()}. */
    Instant now();

    /**
     * Calls {@code f} once {@code delay} has elapsed: Go's {@code time.AfterFunc}. A zero or
     * negative delay fires at once. The returned timer's {@link Timer#stop() stop} cancels the
     * call if it has not happened yet. Where {@code f} runs is up to the clock: the
     * {@linkplain #system() system clock} runs it on a goroutine of its own.
     *
     * @throws NullPointerException if {@code delay} or {@code f} is null
     */
    Timer afterFunc(Duration delay, Runnable f);

    /**
     * A channel that receives the instant the delay elapsed: Go's {@code time.After}. The
     * channel has capacity 1, so the timer never blocks on a reader that has gone away, and it
     * is never closed. Typically a case of a {@code select}.
     *
     * @throws NullPointerException if {@code delay} is null
     */
    RecvChan<Instant> after(Duration delay);

    /**
     * A new {@link Ticker} ticking every {@code period} on this clock: Go's
     * {@code time.NewTicker}. Stop it when done.
     *
     * @throws IllegalArgumentException if {@code period} is zero or negative (Go panics)
     */
    default Ticker newTicker(Duration period) {
        return new Ticker(this, period);
    }

    /**
     * The channel of a new ticker that is never stopped: Go's {@code time.Tick}, for programs
     * that tick for as long as they run. A zero or negative period gives the
     * {@linkplain Chan#nil() nil channel}, as in Go.
     */
    default RecvChan<Instant> tick(Duration period) {
        Objects.requireNonNull(period, "period");
        return period.isPositive() ? newTicker(period).c() : Chan.nil();
    }

    /**
     * Blocks for {@code d} of this clock's time: Go's {@code time.Sleep}. A zero or negative
     * duration returns at once. On a {@link FakeClock} it returns when the test advances the
     * clock past {@code d}. An interrupted sleep stops its timer, so it leaves none pending.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    default void sleep(Duration d) throws InterruptedException {
        Objects.requireNonNull(d, "d");
        if (!d.isPositive()) {
            return;
        }
        Chan<Boolean> woken = Chan.make(1);
        Timer timer = afterFunc(d, () -> woken.trySend(true));
        try {
            woken.receive();
        } finally {
            timer.stop();
        }
    }

    /**
     * The real clock. All its timers share one scheduler, a single daemon platform thread that
     * only hands due callbacks to virtual threads, so a million pending timers cost a million
     * queue entries, never a million threads.
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
