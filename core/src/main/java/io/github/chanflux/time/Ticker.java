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
 * <p>As Go's: {@link #c()} has a buffer of one, and a tick that finds it full is dropped, so a
 * slow reader misses ticks rather than receiving a backlog; the ticks stay on the grid
 * {@code start + k * period} however late a reader is. {@link #stop()} ends the ticks without
 * closing the channel; {@link #reset(Duration)} starts a new period from now. As since Go 1.23,
 * no tick from before a {@code stop} or {@code reset} is received after it returns (a tick
 * already buffered is removed). Ticks are armed as timers on the ticker's clock, so on a
 * {@link FakeClock} they come exactly as the test advances it. {@code AutoCloseable}: closing
 * stops it, for {@code try (Ticker t = clock.newTicker(d)) { … }} where Go writes
 * {@code defer t.Stop()}.
 */
public final class Ticker implements AutoCloseable {

    private final Clock clock;
    private final Chan<Instant> c = Chan.make(1);
    private final ReentrantLock lock = new ReentrantLock();
    /** The armed timer; under {@code lock}. */
    private Timer timer;
    /** Counts starts and stops, so a timer armed before one of them cannot tick; under {@code lock}. */
    private long generation;
    /** Under {@code lock}. */
    private Duration period;

    Ticker(Clock clock, Duration period) {
        this.clock = Objects.requireNonNull(clock, "clock");
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
            this.period = period;
            arm(clock.now().plus(period), generation);
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

    /** Call with {@code lock} held. */
    private void arm(Instant due, long gen) {
        Duration delay = Duration.between(clock.now(), due);
        Runnable fire = () -> tick(due, gen);
        // A tick never blocks (a trySend under a short lock): on the system clock it runs on the
        // scheduler thread rather than on a goroutine of its own.
        timer = clock instanceof SystemClock system ? system.schedule(delay, fire) : clock.afterFunc(delay, fire);
    }

    /** A timer of generation {@code gen} fired for the tick due at {@code due}. */
    private void tick(Instant due, long gen) {
        lock.lock();
        try {
            if (gen != generation) {
                return;
            }
            Instant now = clock.now();
            c.trySend(now);
            arm(nextOnGrid(due, now), gen);
        } finally {
            lock.unlock();
        }
    }

    /** The first tick of the grid {@code due + k * period} after {@code now}: missed ticks are skipped. */
    private Instant nextOnGrid(Instant due, Instant now) {
        Instant next = due.plus(period);
        if (next.isAfter(now)) {
            return next;
        }
        long behind = Duration.between(due, now).dividedBy(period);
        return due.plus(period.multipliedBy(behind + 1));
    }

    private static Duration checkPeriod(Duration period, String what) {
        Objects.requireNonNull(period, "period");
        if (!period.isPositive()) {
            throw new IllegalArgumentException("non-positive interval for " + what + ": " + period);
        }
        return period;
    }
}
