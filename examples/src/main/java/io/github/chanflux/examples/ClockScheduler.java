package io.github.chanflux.examples;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} whose time is a chanflux {@link Clock}, so that the tour's Reactor
 * forms run on the same clock as its channel forms: real time by default, a {@code FakeClock}
 * with {@code -Dfast=true}. Every task is a {@link Clock#afterFunc} timer (on a fake clock, fired
 * by whoever moves the clock) and {@link #now} reads the clock. A worker runs its tasks one at a
 * time, in the order they fire, as Reactor requires of a worker.
 */
final class ClockScheduler implements Scheduler {

    private final Clock clock;

    ClockScheduler(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public long now(TimeUnit unit) {
        Instant now = clock.now();
        return unit.convert(now.getEpochSecond(), TimeUnit.SECONDS) + unit.convert(now.getNano(), TimeUnit.NANOSECONDS);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return new Task(task, null, Runnable::run, () -> {}).start(duration(delay, unit));
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return new Task(task, duration(period, unit), Runnable::run, () -> {}).start(duration(initialDelay, unit));
    }

    @Override
    public Worker createWorker() {
        return new ClockWorker();
    }

    private static Duration duration(long amount, TimeUnit unit) {
        return Duration.of(amount, unit.toChronoUnit());
    }

    /** A task on a timer, once ({@code period} null) or re-armed {@code period} after each run, until disposed. */
    private final class Task implements Disposable {
        private final Runnable task;
        private final Duration period;
        private final Consumer<Runnable> runner;
        private final Runnable onDispose;
        private volatile Timer timer;
        private volatile boolean disposed;

        Task(Runnable task, Duration period, Consumer<Runnable> runner, Runnable onDispose) {
            this.task = Objects.requireNonNull(task, "task");
            this.period = period;
            this.runner = runner;
            this.onDispose = onDispose;
        }

        Task start(Duration delay) {
            Timer t = clock.afterFunc(delay, () -> runner.accept(this::fire));
            timer = t;
            if (disposed) {
                t.stop();
            }
            return this;
        }

        private void fire() {
            if (disposed) {
                return;
            }
            task.run();
            if (period == null) {
                dispose();
            } else if (!disposed) {
                start(period);
            }
        }

        @Override
        public void dispose() {
            disposed = true;
            Timer t = timer;
            if (t != null) {
                t.stop();
            }
            onDispose.run();
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }

    /** Runs its tasks one at a time: a fired task joins a queue that one thread at a time drains. */
    private final class ClockWorker implements Worker {
        private final Set<Task> pending = ConcurrentHashMap.newKeySet();
        private final Queue<Runnable> ready = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean disposed;

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return track(null, task).start(duration(delay, unit));
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return track(duration(period, unit), task).start(duration(initialDelay, unit));
        }

        private Task track(Duration period, Runnable task) {
            if (disposed) {
                throw Exceptions.failWithRejected();
            }
            Task[] self = new Task[1];
            self[0] = new Task(task, period, this::runSerially, () -> pending.remove(self[0]));
            pending.add(self[0]);
            return self[0];
        }

        private void runSerially(Runnable task) {
            ready.add(task);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                Runnable next = ready.poll();
                if (next != null && !disposed) {
                    next.run();
                }
            } while (wip.decrementAndGet() != 0);
        }

        @Override
        public void dispose() {
            disposed = true;
            pending.forEach(Task::dispose);
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }
}
