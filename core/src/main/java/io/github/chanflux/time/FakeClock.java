package io.github.chanflux.time;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Clock} that moves only when told to, for tests that must never sleep: the role of
 * the fake clocks Go tests inject (e.g. {@code benbjohnson/clock}, {@code testing/synctest}).
 *
 * <p>{@link #advance(Duration)} and {@link #set(Instant)} fire every timer that has come due,
 * in the order of their due times (ties in the order they were created), each exactly once, and
 * move {@link #now()} to each timer's due time as it fires, then to the target. Callbacks run
 * <em>synchronously on the thread that moves the clock</em>, not on goroutines of their own as
 * with the system clock: when {@code advance} returns, everything it fired has finished, so a
 * test can assert the effects right away. A callback therefore must not block on the test
 * thread; a non-positive {@code afterFunc} delay runs {@code f} at once on the calling thread.
 *
 * <p>{@link #awaitTimers(int)} lets a test wait until a goroutine has armed its timer (for
 * example, is about to wait in a {@code select} on {@link #after(Duration)}) before advancing,
 * which is the race-free replacement for "sleep a little, then advance". Thread-safe: moves of
 * the clock take turns, so two threads that each advance it by a second move it by two; a
 * callback may itself move the clock, and the move that fired it then ends where the clock is
 * or at its own target, whichever is later.
 */
public final class FakeClock implements Clock {

    /** The default start, an arbitrary fixed instant so test output is reproducible. */
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    /** Held for a whole move (advance or set), so that moves take turns; reentrant for callbacks. */
    private final ReentrantLock moving = new ReentrantLock();
    /** Guards now, the pending timers and the sequence; never held while a callback runs. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition timersChanged = lock.newCondition();
    private final PriorityQueue<FakeTimer> pending = new PriorityQueue<>();
    private Instant now;
    private long seq;

    /** A fake clock that reads {@link #EPOCH}. */
    public FakeClock() {
        this(EPOCH);
    }

    /** A fake clock that reads {@code start}. */
    public FakeClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant now() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Timer afterFunc(Duration delay, Runnable f) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(f, "f");
        FakeTimer timer;
        lock.lock();
        try {
            timer = new FakeTimer(plusSaturated(now, delay), seq++, f);
            if (delay.isPositive()) {
                pending.add(timer);
                timersChanged.signalAll();
                return timer;
            }
        } finally {
            lock.unlock();
        }
        f.run();
        return timer;
    }

    @Override
    public RecvChan<Instant> after(Duration delay) {
        Chan<Instant> c = Chan.make(1);
        afterFunc(delay, () -> c.trySend(now()));
        return c;
    }

    /**
     * Moves the clock forward by {@code d}, firing the timers due by then. Past the range of
     * {@code Instant} the clock stops at {@link Instant#MAX}.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public void advance(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative advance: " + d);
        }
        moving.lock();
        try {
            moveTo(plusSaturated(now(), d));
        } finally {
            moving.unlock();
        }
    }

    /**
     * Moves the clock to {@code t}, firing the timers due by then.
     *
     * @throws IllegalArgumentException if {@code t} is before {@link #now()}
     */
    public void set(Instant t) {
        Objects.requireNonNull(t, "t");
        moving.lock();
        try {
            Instant at = now();
            if (t.isBefore(at)) {
                throw new IllegalArgumentException("time going backwards: " + t + " is before " + at);
            }
            moveTo(t);
        } finally {
            moving.unlock();
        }
    }

    /**
     * Fires the timers due by {@code t} in order and ends at {@code t}, or wherever a callback
     * moved the clock beyond it. Call with {@link #moving} held.
     */
    private void moveTo(Instant t) {
        FakeTimer due;
        while ((due = nextDue(t)) != null) {
            due.f.run();
        }
    }

    /** The number of timers armed and not yet fired or stopped. */
    public int pendingTimers() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** When the first pending timer is due; empty if none is pending. */
    public Optional<Instant> nextTimer() {
        lock.lock();
        try {
            FakeTimer first = pending.peek();
            return first == null ? Optional.empty() : Optional.of(first.when);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until at least {@code n} timers are pending.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitTimers(int n) throws InterruptedException {
        lock.lock();
        try {
            while (pending.size() < n) {
                timersChanged.await();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FakeClock[" + now() + ", pending=" + pendingTimers() + "]";
    }

    /**
     * {@code t + d}, saturated at {@link Instant#MIN} and {@link Instant#MAX} as the system clock
     * saturates its delays: a timer beyond the range is due at the end of time.
     */
    private static Instant plusSaturated(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException beyondInstantRange) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    /**
     * Removes the first timer due by {@code t} and moves now to its due time; else moves to
     * {@code t}, unless a callback has already moved the clock beyond it.
     */
    private FakeTimer nextDue(Instant t) {
        lock.lock();
        try {
            if (t.isBefore(now)) {
                return null;
            }
            FakeTimer first = pending.peek();
            if (first == null || first.when.isAfter(t)) {
                now = t;
                return null;
            }
            pending.poll();
            now = first.when;
            timersChanged.signalAll();
            return first;
        } finally {
            lock.unlock();
        }
    }

    private boolean remove(FakeTimer timer) {
        lock.lock();
        try {
            boolean removed = pending.remove(timer);
            if (removed) {
                timersChanged.signalAll();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    private final class FakeTimer implements Timer, Comparable<FakeTimer> {
        final Instant when;
        final long order;
        final Runnable f;

        FakeTimer(Instant when, long order, Runnable f) {
            this.when = when;
            this.order = order;
            this.f = f;
        }

        @Override
        public boolean stop() {
            return remove(this);
        }

        @Override
        public int compareTo(FakeTimer o) {
            int c = when.compareTo(o.when);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
