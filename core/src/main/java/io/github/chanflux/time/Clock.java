package io.github.chanflux.time;

import io.github.chanflux.chan.RecvChan;
import java.time.Duration;
import java.time.Instant;

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
     * The real clock. All its timers share one scheduler, a single daemon platform thread that
     * only hands due callbacks to virtual threads, so a million pending timers cost a million
     * queue entries, never a million threads.
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
