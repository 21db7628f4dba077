package io.github.chanflux.time;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A channel that receives the time at every interval: Go's {@code *time.Ticker}, made by
 * {@link Clock#newTicker(Duration)} (and {@link Clock#tick(Duration)}, Go's {@code time.Tick}).
 * The heartbeats of "Concurrency in Go" 5.3 and the steward of 5.6 pulse on one.
 *
 * <p>As Go's: a tick that finds a tick still unread is dropped, so a slow reader misses ticks
 * rather than receiving a backlog; the ticks stay on the grid {@code start + k * period} however
 * late a reader is. {@link #stop()} ends the ticks without closing the channel;
 * {@link #reset(Duration)} starts a new period from now. As since Go 1.23, no tick from before a
 * {@code stop} or {@code reset} is received after it returns (a tick already buffered is
 * removed). Unlike Go 1.23, whose timer channels report a capacity of 0, {@link #c()} is a
 * channel with a buffer of one, as Go's were before: the unread tick waits there.
 *
 * <p>Ticks are armed as timers on the ticker's clock, so on a {@link FakeClock} they come exactly
 * as the test advances it. On the {@linkplain Clock#system() system clock} the grid is kept on
 * {@link System#nanoTime()}, as Go keeps it on the monotonic clock, so a step of the wall clock
 * (NTP, a manual change) neither stops nor bunches the ticks; the value of each tick is the wall
 * time, {@code Instant.now()}. A period too short for the machine (down to a nanosecond, which
 * Go allows) ticks as fast as the timer thread can, dropping the rest; a period longer than about
 * 73 years never ticks, even on a fake clock moved that far (Go's would, once it has passed). {@code AutoCloseable}: closing stops it, for
 * {@code try (Ticker t = clock.newTicker(d)) { … }} where Go writes {@code defer t.Stop()}.
 */
public final class Ticker implements AutoCloseable {

    /** The longest period that ticks, about 73 years, so that the grid's arithmetic cannot overflow. */
    private static final long MAX_PERIOD_NANOS = Long.MAX_VALUE / 4;

    private final Clock clock;
    /** The zero of the grid on a clock other than the system clock. */
    private final Instant origin;

    private final Chan<Instant> c = Chan.make(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** The armed timer; under {@code lock}. */
    private Timer timer;
    /** Counts starts and stops, so a timer armed before one of them cannot tick; under {@code lock}. */
    private long generation;
    /** The period in nanoseconds; under {@code lock}. */
    private long period;

    Ticker(Clock clock, Duration period) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.origin = clock.now();
        start(checkPeriod(period, "NewTicker"));
    }

    /** The channel on which the ticks are delivered: Go's {@code ticker.C}. Never closed. */
    public RecvChan<Instant> c() {
        return c;
    }

    /** Turns the ticker off: Go's {@code Ticker.Stop}. No tick is received after it returns. */
    public void stop() {
        lock.lock();
        try {
            disarm();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the ticker and restarts it with {@code period}, the next tick one period from now:
     * Go's {@code Ticker.Reset}.
     *
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public void reset(Duration period) {
        start(checkPeriod(period, "Ticker.Reset"));
    }

    /** Stops the ticker. */
    @Override
    public void close() {
        stop();
    }

    private void start(Duration period) {
        lock.lock();
        try {
            disarm();
            this.period = SystemClock.saturatedNanos(period);
            if (this.period <= MAX_PERIOD_NANOS) {
                arm(plusSaturated(gridNow(), this.period), generation);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Call with {@code lock} held. */
    private void disarm() {
        generation++;
        if (timer != null) {
            timer.stop();
            timer = null;
        }
        c.tryReceive();
    }

    /**
     * Arms the timer of the tick due at {@code due} on the grid. Call with {@code lock} held. The
     * delay is at least a nanosecond, so the tick never fires inside this call, even when the
     * clock has passed {@code due} meanwhile: a tick then arms the next one from the timer's
     * thread rather than recursing on the caller's.
     */
    private void arm(long due, long gen) {
        if (due == Long.MAX_VALUE) {
            return; // the end of the grid's time: no tick comes
        }
        Duration delay = Duration.ofNanos(Math.max(1, due - gridNow()));
        Runnable fire = () -> tick(due, gen);
        // A tick never blocks (a trySend under a short lock): on the system clock it runs on the
        // scheduler thread rather than on a goroutine of its own.
        timer = clock instanceof SystemClock system ? system.schedule(delay, fire) : clock.afterFunc(delay, fire);
    }

    /** A timer of generation {@code gen} fired for the tick due at {@code due}. */
    private void tick(long due, long gen) {
        lock.lock();
        try {
            if (gen != generation) {
                return;
            }
            c.trySend(clock.now());
            arm(nextOnGrid(due, gridNow()), gen);
        } finally {
            lock.unlock();
        }
    }

    /** Now on the grid: {@link System#nanoTime()} on the system clock, else nanoseconds since {@link #origin}. */
    private long gridNow() {
        return clock instanceof SystemClock
                ? System.nanoTime()
                : SystemClock.saturatedNanos(Duration.between(origin, clock.now()));
    }

    /** The first tick of the grid {@code due + k * period} after {@code now}: missed ticks are skipped. */
    private long nextOnGrid(long due, long now) {
        long next = plusSaturated(due, period);
        if (next - now > 0) {
            return next;
        }
        long ticks = (now - due) / period + 1;
        return ticks > Long.MAX_VALUE / period ? Long.MAX_VALUE : plusSaturated(due, ticks * period);
    }

    private static long plusSaturated(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static Duration checkPeriod(Duration period, String what) {
        Objects.requireNonNull(period, "period");
        if (!period.isPositive()) {
            throw new IllegalArgumentException("non-positive interval for " + what + ": " + period);
        }
        return period;
    }
}
