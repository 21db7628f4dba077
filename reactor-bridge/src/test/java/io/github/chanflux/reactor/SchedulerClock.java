package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * A {@link Clock} on a Reactor {@link Scheduler}'s time, for limiters and contexts on
 * {@code StepVerifier.withVirtualTime}: {@code now()} is {@code start} plus the scheduler's time,
 * timers are the scheduler's.
 */
final class SchedulerClock implements Clock {

    private final Scheduler scheduler;
    private final Instant start;
    private final long startNanos;

    /** A clock that reads {@code start} now and moves with {@code scheduler}. */
    SchedulerClock(Scheduler scheduler, Instant start) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.start = Objects.requireNonNull(start, "start");
        this.startNanos = scheduler.now(TimeUnit.NANOSECONDS);
    }

    @Override
    public Instant now() {
        return start.plusNanos(scheduler.now(TimeUnit.NANOSECONDS) - startNanos);
    }

    @Override
    public Timer afterFunc(Duration delay, Runnable f) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(f, "f");
        Disposable task = scheduler.schedule(f, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> {
            boolean pending = !task.isDisposed();
            task.dispose();
            return pending;
        };
    }

    @Override
    public RecvChan<Instant> after(Duration delay) {
        Chan<Instant> c = Chan.make(1);
        afterFunc(delay, () -> c.trySend(now()));
        return c;
    }
}
