package io.github.chanflux.time;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Clock#system()}: wall-clock time, timers on one shared scheduler thread.
 *
 * <p>The scheduler never runs user code: a fired {@code afterFunc} starts a goroutine
 * ({@link Go#go(String, Go.Task)}) and an {@code after} channel gets its value by a non-blocking
 * send into its one-slot buffer. Cancelled timers leave the queue at once
 * ({@code removeOnCancelPolicy}), so stopped timers do not pile up. An {@code after} timer whose
 * channel nobody can read any more is cancelled once the garbage collector finds the channel
 * unreachable, as Go 1.23 collects unreferenced timers: a for-select loop over
 * {@code after(d)} leaves nothing queued for {@code d} per iteration.
 */
final class SystemClock implements Clock {

    static final SystemClock INSTANCE = new SystemClock();

    /** Stops the timers of unreachable {@code after} channels. */
    private static final Cleaner UNREACHABLE_AFTER = Cleaner.create(r -> {
        Thread t = new Thread(r, "chanflux-timer-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledThreadPoolExecutor scheduler;

    private SystemClock() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "chanflux-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Timer afterFunc(Duration delay, Runnable f) {
        Objects.requireNonNull(f, "f");
        return schedule(delay, () -> Go.go("time.AfterFunc", f::run));
    }

    @Override
    public RecvChan<Instant> after(Duration delay) {
        Chan<Instant> c = Chan.make(1);
        WeakReference<Chan<Instant>> reader = new WeakReference<>(c);
        Timer timer = schedule(delay, () -> {
            Chan<Instant> ch = reader.get();
            if (ch != null) {
                ch.trySend(Instant.now());
            }
        });
        UNREACHABLE_AFTER.register(c, timer::stop);
        return c;
    }

    /** Sleeps the virtual or platform thread itself: no timer, no channel. */
    @Override
    public void sleep(Duration d) throws InterruptedException {
        Objects.requireNonNull(d, "d");
        if (d.isPositive()) {
            Thread.sleep(d);
        }
    }

    /** Timers queued and not yet fired or stopped; for the package's tests. */
    int pendingTimers() {
        return scheduler.getQueue().size();
    }

    /**
     * Runs {@code fire} on the scheduler thread itself after {@code delay}: only for this
     * package's own callbacks that never block (a {@link Ticker}'s tick), which need no goroutine.
     */
    Timer schedule(Duration delay, Runnable fire) {
        Objects.requireNonNull(delay, "delay");
        SystemTimer timer = new SystemTimer(fire);
        if (delay.isNegative() || delay.isZero()) {
            timer.run();
        } else {
            timer.future = scheduler.schedule(timer, saturatedNanos(delay), TimeUnit.NANOSECONDS);
            if (timer.settled.get()) {
                timer.future.cancel(false); // stopped before the future was published
            }
        }
        return timer;
    }

    /** {@code d} in nanoseconds, {@code Long.MAX_VALUE} beyond; also the {@link Ticker}'s. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A scheduled fire, settled once between firing and stopping by {@code settled}. */
    private static final class SystemTimer implements Timer, Runnable {
        private final Runnable fire;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile ScheduledFuture<?> future;

        SystemTimer(Runnable fire) {
            this.fire = fire;
        }

        @Override
        public void run() {
            if (settled.compareAndSet(false, true)) {
                fire.run();
            }
        }

        @Override
        public boolean stop() {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }
    }
}
