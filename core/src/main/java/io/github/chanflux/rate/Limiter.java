package io.github.chanflux.rate;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.context.Context;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A token bucket: Go's {@code rate.Limiter} ({@code golang.org/x/time/rate}; "Concurrency in
 * Go" 5.5, rate limiting). The bucket holds up to {@code burst} tokens, starts full, and refills
 * at {@code limit} tokens per second (fractions included); each event takes one token, or n.
 *
 * <p>Three ways to use it, as in Go: {@link #allow()} when an event over the limit is dropped;
 * {@link #reserve()} when the caller waits (or gives the tokens back) itself; {@link #await}
 * when the caller blocks until it may act, or until its {@link Context} ends. Every method that
 * reads the time has a form taking it explicitly ({@code allowN(t, n)}), which is what tests
 * use; the others read it as {@link #now()} does. A time passed in should come from
 * {@link #now()} (or lie on the limiter's {@link Clock}, for a clock other than the system
 * one): on the system clock the limiter counts time monotonically, and {@code Instant.now()}
 * drifts from that by every step of the wall clock.
 *
 * <p>Go's special cases hold: {@link Limit#INF} allows everything, even with burst 0; a zero
 * limit allows the initial burst and then nothing (so a limiter is never silently unlimited: a
 * zero burst with a finite limit allows no event); time that goes backwards restarts the refill
 * from the earlier instant. Thread-safe: as in Go, one lock guards the bucket, and it is held
 * only for the token arithmetic (the clock is read before), never while waiting.
 *
 * <p>Two differences from Go, both about misuse that Go lets through: a negative {@code n} is
 * rejected ({@link IllegalArgumentException} naming it), where Go's arithmetic would put tokens
 * back and let the caller act ahead of reservations already made; and a reservation gives its
 * tokens back once, however often it is cancelled (see {@link Reservation#cancelAt}).
 */
public final class Limiter implements RateLimiter {

    /**
     * The limit a reservation made under {@link Limit#INF} carries: Go leaves that field at its
     * zero value, so cancelling it later restores its tokens as if none had been reserved since.
     */
    private static final Limit UNSET_LIMIT = Limit.of(0);

    private static final VarHandle LOCKED;
    /** Added to {@code System.nanoTime()}: nanoseconds since the epoch on the system clock; see {@link #now()}. */
    static final long SYSTEM_EPOCH = nanos(Instant.now()) - System.nanoTime();

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(Bucket.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;
    /** The token bucket; read and changed only under the lock. */
    private final Bucket bucket;

    /** A limiter of {@code limit} events per second with bursts of up to {@code burst}, full. */
    public Limiter(Limit limit, int burst) {
        this(limit, burst, Clock.system());
    }

    /**
     * A limiter reading time from {@code clock}.
     *
     * @throws IllegalArgumentException if {@code burst} is negative
     */
    public Limiter(Limit limit, int burst, Clock clock) {
        Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bucket = new Bucket(limit, requireBurst(burst));
    }

    /** The current maximum rate. */
    @Override
    public Limit limit() {
        lock();
        try {
            return bucket.limit;
        } finally {
            unlock();
        }
    }

    /** The maximum burst: the most tokens one event, or a quick run of events, may take. */
    public int burst() {
        lock();
        try {
            return bucket.burst;
        } finally {
            unlock();
        }
    }

    /** The tokens available now. */
    public double tokens() {
        return tokensAt(nowNanos());
    }

    /** The tokens available at {@code t}. */
    public double tokensAt(Instant t) {
        return tokensAt(nanos(t));
    }

    private double tokensAt(long at) {
        lock();
        try {
            return bucket.tokensAt(at);
        } finally {
            unlock();
        }
    }

    /** Whether one event may happen now; takes its token if so. */
    public boolean allow() {
        return allowN(nowNanos(), 1);
    }

    /**
     * Whether {@code n} events may happen at {@code t}; takes their tokens if so.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public boolean allowN(Instant t, int n) {
        return allowN(nanos(t), n);
    }

    /** Reserves one token now; see {@link #reserveN(Instant, int)}. */
    public Reservation reserve() {
        return reserveN(nowNanos(), 1, Long.MAX_VALUE);
    }

    /**
     * Reserves {@code n} tokens at {@code t}: the reservation says how long to wait before the
     * event may happen. It is not {@link Reservation#ok() ok} if {@code n} exceeds the burst (and
     * the limit is finite); then the limiter is unchanged.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Reservation reserveN(Instant t, int n) {
        return reserveN(nanos(t), n, Long.MAX_VALUE);
    }

    /** Waits for one token; see {@link #awaitN(Context, int)}. */
    @Override
    public void await(Context ctx) throws InterruptedException, TimeoutException {
        awaitN(ctx, 1);
    }

    /**
     * Blocks until {@code n} events may happen: Go's {@code WaitN}. Returns when the caller may
     * act; where Go returns an error, this throws it (no tokens are then taken):
     * <ul>
     *   <li>{@link IllegalArgumentException} if {@code n} exceeds the burst and the limit is
     *       finite, or is negative;
     *   <li>the context's error if it is done before or while waiting (the reservation is then
     *       cancelled, so its tokens go back): {@link Context#CANCELED} (unchecked) or
     *       {@link Context#DEADLINE_EXCEEDED} (a {@code TimeoutException}); a foreign context's
     *       other checked error comes wrapped in a {@link CancellationException};
     *   <li>a {@link TimeoutException}, at once, if the wait would outlast the context's deadline.
     * </ul>
     * The wait runs on the limiter's clock.
     *
     * @throws InterruptedException if interrupted while waiting; the reservation is cancelled
     */
    public void awaitN(Context ctx, int n) throws InterruptedException, TimeoutException {
        awaitN(ctx, n, granted -> {});
    }

    /**
     * {@link #awaitN(Context, int)}, handing the reservation to {@code granted} when the caller
     * may act, so that {@link MultiLimiter} can cancel it if a later limiter fails.
     */
    void awaitN(Context ctx, int n, Consumer<Reservation> granted) throws InterruptedException, TimeoutException {
        long t = nowNanos();
        Reservation r = reserveToWait(ctx, n, t);
        Duration delay = r.delayFrom(t);
        if (delay.isZero()) {
            granted.accept(r);
            return;
        }
        Chan<Boolean> fired = Chan.make(1);
        Timer timer = clock.afterFunc(delay, () -> fired.trySend(true));
        boolean mayAct = false;
        try {
            RecvChan<Void> done = ctx.done();
            Selected s = select(recv(fired), recv(done));
            if (s.is(done)) {
                throw thrown(ctx.err());
            }
            mayAct = true;
            granted.accept(r);
        } finally {
            timer.stop();
            if (!mayAct) {
                r.cancel();
            }
        }
    }

    /** {@link #reserveToWait(Context, int, long)} at {@code t}, for the hook. */
    Reservation reserveToWait(Context ctx, int n, Instant t) throws TimeoutException {
        return reserveToWait(ctx, n, nanos(t));
    }

    /**
     * The first half of Go's {@code wait}: checks the burst and the context, then reserves
     * {@code n} tokens at {@code t} if the caller could act before the context's deadline, so a
     * wait that would outlast it takes nothing. Returns the reservation, which is ok; throws what
     * {@link #awaitN(Context, int)} throws before it would wait. Shared with the reactor
     * module's {@code acquire} through {@code io.github.chanflux.internal.RateHooks}.
     */
    Reservation reserveToWait(Context ctx, int n, long t) throws TimeoutException {
        Objects.requireNonNull(ctx, "ctx");
        requireCount(n);
        int burst;
        boolean inf;
        lock();
        try {
            burst = bucket.burst;
            inf = bucket.limit.isInf();
        } finally {
            unlock();
        }
        if (n > burst && !inf) {
            throw new IllegalArgumentException("rate: Wait(n=" + n + ") exceeds limiter's burst " + burst);
        }
        Exception err = ctx.err();
        if (err != null) {
            throw thrown(err);
        }
        // The deadline is an instant on the context's clock, so the time left is read there.
        Clock ctxClock = Context.clock(ctx);
        long ctxNow = ctxClock == clock && clock != Clock.system() ? t : nanos(ctxClock.now());
        long waitLimit = ctx.deadline().map(d -> minus(nanos(d), ctxNow)).orElse(Long.MAX_VALUE);
        Reservation r = reserveN(t, n, waitLimit);
        if (!r.ok()) {
            throw new TimeoutException("rate: Wait(n=" + n + ") would exceed context deadline");
        }
        return r;
    }

    /**
     * A context's error, ready to throw from a method that declares {@code TimeoutException}:
     * unchecked errors and {@code TimeoutException}s as they are, any other checked error (a
     * foreign context's) wrapped.
     */
    private static TimeoutException thrown(Exception err) {
        if (err instanceof TimeoutException timeout) {
            return timeout;
        }
        if (err instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        throw (CancellationException) new CancellationException(String.valueOf(err)).initCause(err);
    }

    /** Changes the limit from now on; see {@link #setLimitAt(Instant, Limit)}. */
    public void setLimit(Limit newLimit) {
        setLimitAt(nowNanos(), newLimit);
    }

    /**
     * Changes the limit as of {@code t}. Reservations already made keep their time to act; tokens
     * accrued until {@code t} count at the old rate.
     */
    public void setLimitAt(Instant t, Limit newLimit) {
        setLimitAt(nanos(t), newLimit);
    }

    private void setLimitAt(long at, Limit newLimit) {
        Objects.requireNonNull(newLimit, "newLimit");
        lock();
        try {
            bucket.setLimit(at, newLimit);
        } finally {
            unlock();
        }
    }

    /** Changes the burst from now on; see {@link #setBurstAt(Instant, int)}. */
    public void setBurst(int newBurst) {
        setBurstAt(nowNanos(), newBurst);
    }

    /** Changes the burst as of {@code t}. */
    public void setBurstAt(Instant t, int newBurst) {
        setBurstAt(nanos(t), newBurst);
    }

    private void setBurstAt(long at, int newBurst) {
        requireBurst(newBurst);
        lock();
        try {
            bucket.setBurst(at, newBurst);
        } finally {
            unlock();
        }
    }

    /** The clock this limiter reads; see {@link #now()}. */
    public Clock clock() {
        return clock;
    }

    /**
     * The current time as this limiter reads it: the instant to pass to the methods taking one
     * ({@code reserveN(limiter.now(), n)}), as a Reactor operator does, so that every caller of
     * one limiter sees one time base. On a {@link FakeClock} or any other clock, its
     * {@code now()}. On the {@linkplain Clock#system() system clock}, the JVM's monotonic clock
     * ({@code System.nanoTime()}) counted from the wall-clock instant at which this class was
     * loaded, as Go's {@code time.Now} carries a monotonic reading that its {@code Sub} uses: a
     * step of the wall clock does not refill or drain the bucket, and reading it costs 24 ns
     * instead of {@code Instant.now()}'s 34 here (most of what {@code allow()} costs). So it can
     * differ from {@code Instant.now()} by the steps the wall clock has made since (and by time
     * the machine spent suspended, which Go's monotonic clock does not count either); times
     * passed in should come from this method. The anchor is read once: a wall clock that was
     * wrong at that moment (before the first time synchronization after boot) leaves every
     * instant this returns off by as much, though never the intervals between them.
     */
    public Instant now() {
        long t = nowNanos();
        return Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
    }

    /** {@link #now()} in nanoseconds since the epoch. */
    long nowNanos() {
        return clock == Clock.system() ? SYSTEM_EPOCH + System.nanoTime() : nanos(clock.now());
    }

    /** Go's unexported {@code reserveN(t, n, maxFutureReserve)}, for the ported tests. */
    Reservation reserveN(Instant t, int n, Duration maxFutureReserve) {
        return reserveN(nanos(t), n, nanos(maxFutureReserve));
    }

    // ---- Go's reserveN, advance and CancelAt, with time in nanoseconds since the epoch. ----

    /**
     * Go's reserveN: grants {@code n} tokens at {@code t} if the burst allows it and the wait is
     * at most {@code maxFutureReserve}; otherwise the bucket is unchanged.
     */
    private Reservation reserveN(long t, int n, long maxFutureReserve) {
        requireCount(n);
        lock();
        try {
            Limit limit = bucket.limit;
            if (limit.isInf()) {
                return new Reservation(this, true, n, t, UNSET_LIMIT);
            }
            if (n > bucket.burst || !bucket.take(t, n, maxFutureReserve)) {
                return new Reservation(this, false, 0, 0, limit);
            }
            return new Reservation(this, true, n, bucket.lastEvent, limit);
        } finally {
            unlock();
        }
    }

    /** Go's {@code reserveN(t, n, 0).ok}, without making the reservation. */
    private boolean allowN(long t, int n) {
        requireCount(n);
        lock();
        try {
            return bucket.limit.isInf() || (n <= bucket.burst && bucket.take(t, n, 0));
        } finally {
            unlock();
        }
    }

    /** Throws unless {@code n} is zero or more. */
    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("rate: n must not be negative, got " + n);
        }
    }

    /**
     * Gives back what {@code r} reserved and no later reservation relies on (Go's CancelAt), the
     * first time {@code r} is cancelled; later cancels do nothing.
     */
    void restore(Reservation r, long t) {
        lock();
        try {
            if (r.cancelled) {
                return;
            }
            r.cancelled = true;
            bucket.restore(r, t);
        } finally {
            unlock();
        }
    }

    /**
     * Takes the lock. It guards a few arithmetic operations on the bucket (the clock is read
     * before), so a caller that finds it held parks for the shortest time before it tries
     * again, as Resilience4j's limiter does after a lost compare-and-set: callers hammering one
     * limiter then take turns instead of stealing its cache line from each other on every
     * call, and a virtual thread gives up its carrier meanwhile. Measured against
     * {@code ReentrantLock}, which queues and wakes the waiters: 79 to 92 against 191 ns per
     * {@code allow()} with two threads ({@code AllowBench}). The blocker of that park is the
     * limiter, which tells a fake-time driver that the thread is not blocked for long.
     * Not interruptible: an interrupted
     * thread still parks here (its status is cleared while it waits and set again once it
     * holds the lock), because {@code parkNanos} returns at once for an interrupted thread,
     * and a virtual thread that retries without giving up its carrier could keep the holder
     * from ever running again.
     */
    private void lock() {
        if (!LOCKED.compareAndSet(bucket, 0, 1)) {
            lockContended();
        }
    }

    /**
     * The slow path of {@link #lock()}; named apart so that BlockHound can be told it is short.
     * It parks before every try, the first included, as Resilience4j parks after every lost
     * compare-and-set: a caller that tried again at once would often get in just as the holder
     * left, and the two would go on taking the cache line from each other instead of taking
     * turns. Measured ({@code AllowBench}, 4 forks, two alternating rounds): 81 and 78 ns at two
     * threads against 96 and 83 when trying at once; 176 and 166 against 189 and 180 at four.
     */
    private void lockContended() {
        boolean interrupted = false;
        do {
            interrupted |= Thread.interrupted();
            LockSupport.parkNanos(this, 1);
        } while (!(bucket.locked == 0 && LOCKED.compareAndSet(bucket, 0, 1)));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void unlock() {
        LOCKED.setRelease(bucket, 0);
    }

    private static int requireBurst(int burst) {
        if (burst < 0) {
            throw new IllegalArgumentException("negative burst: " + burst);
        }
        return burst;
    }

    /** Nanoseconds since the epoch; Instants beyond the years 1677 to 2262 saturate. */
    static long nanos(Instant t) {
        Objects.requireNonNull(t, "t");
        return nanos(t.getEpochSecond(), t.getNano());
    }

    /** Nanoseconds in {@code d}, saturating beyond Go's longest Duration (about 292 years). */
    static long nanos(Duration d) {
        Objects.requireNonNull(d, "d");
        return nanos(d.getSeconds(), d.getNano());
    }

    /** {@code seconds} and {@code nano} in nanoseconds, saturating from about 292 years. */
    private static long nanos(long seconds, int nano) {
        if (Math.abs(seconds) >= Long.MAX_VALUE / 1_000_000_000L) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return seconds * 1_000_000_000L + nano;
    }

    /** {@code a - b}, saturating as Go's {@code Time.Sub}. */
    static long minus(long a, long b) {
        long d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
            return a < b ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return d;
    }

    /** {@code a + b}, saturating. */
    static long plus(long a, long b) {
        long s = a + b;
        if (((a ^ s) & (b ^ s)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return s;
    }
}
