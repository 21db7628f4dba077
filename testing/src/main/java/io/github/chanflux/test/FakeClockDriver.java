package io.github.chanflux.test;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.internal.ChanHooks;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.FakeClock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drives a {@link FakeClock} the way Go 1.24's {@code testing/synctest} drives its bubble's
 * clock: time moves only when every goroutine the test started is blocked, and then straight to
 * the next timer. A test that would otherwise write "wait until the 20 callers have armed their
 * timers, then advance a little, repeat" writes {@code driver.runUntil(() -> done.len() == 20)}.
 *
 * <pre>{@code
 * FakeClock clock = new FakeClock();
 * FakeClockDriver driver = new FakeClockDriver(clock);   // before starting the goroutines
 * ... start goroutines that sleep, tick, wait on limiters or deadlines on clock ...
 * driver.awaitIdle();                  // synctest.Wait()
 * driver.advanceToNextTimer();         // time jumps to the next timer, which fires
 * driver.runUntil(() -> results.len() == 3);
 * }</pre>
 *
 * <p>"The goroutines the test started" are those started through {@link Go} after the driver
 * was made (goroutines started with plain {@code Thread} calls are not seen), other than the
 * one calling the driver. A goroutine counts as blocked when it is parked waiting without a
 * time limit: in a channel operation or select, on a lock or its condition, a latch, or a sleep
 * on the fake clock. One that is runnable, waiting for the internal lock of a channel or a rate
 * {@link Limiter} (parked for a moment, with that as its blocker), or waiting on real time
 * ({@code Thread.sleep}, a timed park: {@code TIMED_WAITING}) is not, as Go's
 * {@code synctest} does not count a wait that real time ends. Timers of a {@code FakeClock}
 * fire on the thread that moves it, so the callbacks run on the test thread inside
 * {@link #advanceToNextTimer}.
 *
 * <p>Go's runtime knows which goroutines are durably blocked; a Java library sees their states
 * one at a time. Goroutines handing values to each other over channels can stay ahead of that
 * look, each seen parked just after it handed on, and a goroutine just woken can read as
 * parked until its carrier thread runs it; so the channels count, once a driver exists, the
 * wake-ups of their waits and the ends of those waits, and the driver takes the goroutines for
 * idle only when three looks in a row, a few microseconds apart, saw every one blocked, no
 * channel wait woken and not yet ended, and no wake-up or end of a wait meanwhile. Wake-ups
 * that do not go through a channel (a latch, a lock's condition, {@code LockSupport.unpark})
 * are not counted: goroutines that hand work to each other only that way, without end, can
 * still be taken for idle.
 *
 * <p>The goroutines are told apart from those of other tests by when they started: run the
 * tests that use a driver one at a time, not in parallel (as Go's {@code goleak} asks of
 * {@code VerifyNone}).
 */
public final class FakeClockDriver {

    /** Looks in a row that must find every goroutine blocked and no wake-up in between. */
    private static final int STABLE_LOOKS = 3;
    /** Between two looks, besides a yield; about 5 µs on the 2-core AMD EPYC CI machine. */
    private static final int PAUSES_BETWEEN_LOOKS = 200;

    private final FakeClock clock;
    private final Set<Thread> baseline;
    /** The test's goroutines seen so far and not yet terminated: one leaves {@code Go}'s registry just before it ends. */
    private final Set<Thread> seen = ConcurrentHashMap.newKeySet();

    /** A driver for {@code clock}; goroutines started after this call are the test's. */
    public FakeClockDriver(FakeClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.baseline = Go.running();
        ChanHooks.wakes(); // counts wake-ups from now on
    }

    /**
     * Blocks until every goroutine started since this driver was made is blocked or has ended:
     * Go's {@code synctest.Wait}. Waits by yielding and re-checking, never by sleeping.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitIdle() throws InterruptedException {
        int stable = 0;
        long wakes = ChanHooks.wakes();
        while (stable < STABLE_LOOKS) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            boolean allBlocked = busy().isEmpty() && ChanHooks.pendingWakes() == 0;
            long now = ChanHooks.wakes();
            stable = allBlocked && now == wakes ? stable + 1 : 0;
            wakes = now;
            Thread.yield();
            for (int i = 0; i < PAUSES_BETWEEN_LOOKS; i++) {
                Thread.onSpinWait(); // a few microseconds: a goroutine just woken gets to run
            }
        }
    }

    /**
     * Once every goroutine is blocked, moves the clock to the next pending timer and fires it
     * (with every other timer due at that instant). Returns false, moving nothing, if no timer
     * is pending.
     *
     * @throws InterruptedException if interrupted while waiting for the goroutines
     */
    public boolean advanceToNextTimer() throws InterruptedException {
        awaitIdle();
        Optional<Instant> next = clock.nextTimer();
        next.ifPresent(clock::set);
        return next.isPresent();
    }

    /**
     * Advances from timer to timer until {@code condition} holds, checking it whenever every
     * goroutine is blocked.
     *
     * @throws IllegalStateException if every goroutine is blocked, no timer is pending and
     *     {@code condition} is still false: a deadlock (Go's "all goroutines are asleep"), named
     *     with the blocked goroutines' stacks
     * @throws InterruptedException if interrupted while waiting
     */
    public void runUntil(BooleanSupplier condition) throws InterruptedException {
        Objects.requireNonNull(condition, "condition");
        while (true) {
            awaitIdle();
            if (condition.getAsBoolean()) {
                return;
            }
            if (!advanceToNextTimer()) {
                throw new IllegalStateException("all goroutines are asleep and no timer is pending at " + clock.now()
                        + "; the condition never held:" + describe(started()));
            }
        }
    }

    /**
     * Advances from timer to timer for {@code d} of fake time, then moves the clock to exactly
     * {@code d} after the start; every goroutine is blocked between steps.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void advance(Duration d) throws InterruptedException {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative advance: " + d);
        }
        Instant end = plusSaturated(clock.now(), d);
        while (true) {
            awaitIdle();
            Optional<Instant> next = clock.nextTimer();
            if (next.isEmpty() || next.get().isAfter(end)) {
                break;
            }
            clock.set(next.get());
        }
        clock.set(end);
        awaitIdle();
    }

    /**
     * The goroutines started since the driver was made that are still alive, including those
     * that have left {@code Go}'s registry and are still ending (runnable, so busy): a condition
     * such as {@code !main.isAlive()} holds once the driver sees every goroutine blocked.
     */
    private List<Thread> started() {
        Thread self = Thread.currentThread();
        for (Thread t : Go.running()) {
            if (!baseline.contains(t) && t != self) {
                seen.add(t);
            }
        }
        seen.removeIf(t -> !t.isAlive());
        return new ArrayList<>(seen);
    }

    private List<Thread> busy() {
        List<Thread> out = new ArrayList<>();
        for (Thread t : started()) {
            if (!isBlocked(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Parked without a time limit, and not merely waiting for the internal lock of a channel or
     * a limiter (whose blocker is the channel or the limiter).
     */
    private static boolean isBlocked(Thread t) {
        Thread.State state = t.getState();
        if (state != Thread.State.WAITING) {
            return state == Thread.State.TERMINATED;
        }
        Object blocker = LockSupport.getBlocker(t);
        return !(blocker instanceof Chan<?> || blocker instanceof Limiter);
    }

    /** {@code t + d}, at most {@link Instant#MAX}, as {@link FakeClock#advance} saturates. */
    private static Instant plusSaturated(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException beyondInstantRange) {
            return Instant.MAX;
        }
    }

    private static String describe(List<Thread> threads) {
        StringBuilder b = new StringBuilder();
        for (Thread t : threads) {
            b.append("\n\n[goroutine ")
                    .append(t.getName())
                    .append(" ")
                    .append(t.getState())
                    .append(']');
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n\tat ").append(e);
            }
        }
        return b.toString();
    }
}
