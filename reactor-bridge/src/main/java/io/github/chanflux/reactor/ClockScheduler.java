package io.github.chanflux.reactor;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;

/**
 * A Reactor {@link Scheduler} whose time is a chanflux {@link Clock}, so that Reactor's timed
 * operators ({@code Mono.delay}, {@code Flux.interval}, {@code timeout}, {@code delayElements})
 * run on the same clock as channels, tickers and context deadlines: the real clock in
 * production, a {@code FakeClock} in tests. Go has no schedulers; each task here is a
 * {@link Clock#afterFunc} timer, Go's {@code time.AfterFunc}.
 * <pre>{@code
 * FakeClock clock = new FakeClock();
 * Scheduler scheduler = ClockScheduler.on(clock);
 * Mono<Long> late = Mono.delay(Duration.ofSeconds(3), scheduler); // fires when clock passes 3 s
 * }</pre>
 *
 * <p>The contract:
 * <ul>
 * <li>{@link #now} reads the clock. A task runs when the clock fires its timer, on the thread the
 *     clock fires timers on: on a {@code FakeClock}, the thread that advances it (a zero or
 *     negative delay runs the task at once on the calling thread); on {@link Clock#system()}, a
 *     goroutine of its own. So the callbacks never block a Reactor thread.</li>
 * <li>A periodic task runs at a fixed rate ({@code initialDelay + k * period}), as
 *     {@code Flux.interval} expects; a run that comes after its time is due at once.</li>
 * <li>A {@linkplain #createWorker() worker} runs its tasks one at a time, in the order their
 *     timers fire, never two at once, as Reactor requires of a worker.</li>
 * <li>Disposing a task stops its timer, so it leaves the clock's pending timers and never runs
 *     again. Disposing a worker disposes its pending tasks; disposing the scheduler disposes its
 *     own tasks and every worker. Once disposed, a scheduler or worker rejects new tasks with
 *     Reactor's {@link java.util.concurrent.RejectedExecutionException}.</li>
 * <li>An exception thrown by a task goes to its thread's uncaught-exception handler; a periodic
 *     task that throws is not run again (the rule of {@code ScheduledExecutorService}).</li>
 * </ul>
 */
public final class ClockScheduler implements Scheduler {

    private final Clock clock;
    private final Tasks tasks = new Tasks();

    private ClockScheduler(Clock clock) {
        this.clock = clock;
    }

    /**
     * A scheduler on {@code clock}'s time and timers.
     *
     * @param clock the clock that tells the time and fires the tasks
     * @return a new scheduler; it holds no thread, so it needs no disposal unless its pending
     *     tasks are to be cancelled together
     * @throws NullPointerException if {@code clock} is null
     */
    public static ClockScheduler on(Clock clock) {
        return new ClockScheduler(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The clock's time in {@code unit} since the epoch.
     *
     * @param unit the unit of the result
     * @return {@code clock.now()} in {@code unit}
     */
    @Override
    public long now(TimeUnit unit) {
        Instant now = clock.now();
        return unit.convert(now.getEpochSecond(), TimeUnit.SECONDS) + unit.convert(now.getNano(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} as soon as the clock fires a timer of no delay.
     *
     * @param task the task
     * @return disposes the task if it has not run yet
     */
    @Override
    public Disposable schedule(Runnable task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} once {@code delay} has elapsed on the clock.
     *
     * @param task the task
     * @param delay the delay; zero or negative runs the task at once
     * @param unit the unit of {@code delay}
     * @return disposes the task if it has not run yet, stopping its timer
     */
    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return new Task(task, null, tasks, Runnable::run).start(duration(delay, unit));
    }

    /**
     * Runs {@code task} after {@code initialDelay}, then every {@code period}, until disposed.
     *
     * @param task the task
     * @param initialDelay the delay of the first run
     * @param period the time between runs
     * @param unit the unit of both
     * @return disposes the task, stopping its timer
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return new Task(task, period(period, unit), tasks, Runnable::run).start(duration(initialDelay, unit));
    }

    /**
     * A worker on this scheduler's clock, running its tasks one at a time in firing order.
     *
     * @return a new worker; disposed already if this scheduler is
     */
    @Override
    public Worker createWorker() {
        ClockWorker worker = new ClockWorker();
        tasks.add(worker);
        return worker;
    }

    /** Disposes every pending task and every worker, and rejects new tasks from now on. */
    @Override
    public void dispose() {
        tasks.dispose();
    }

    /**
     * Whether {@link #dispose()} was called.
     *
     * @return true once disposed
     */
    @Override
    public boolean isDisposed() {
        return tasks.disposed;
    }

    @Override
    public String toString() {
        return "ClockScheduler[" + clock + "]";
    }

    /** {@code amount} of {@code unit}, saturated at the longest durations as Go's are. */
    private static Duration duration(long amount, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        try {
            return Duration.of(amount, unit.toChronoUnit());
        } catch (ArithmeticException beyondDurationRange) {
            return Duration.ofSeconds(amount < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
    }

    private static Duration period(long amount, TimeUnit unit) {
        Duration period = duration(amount, unit);
        if (!period.isPositive()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        return period;
    }

    private static Instant plusSaturated(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException beyondInstantRange) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    /** The live tasks of a scheduler or worker, disposed together; nothing joins once disposed. */
    private static final class Tasks {
        private final Set<Disposable> live = ConcurrentHashMap.newKeySet();
        private volatile boolean disposed;

        /** Adds {@code d}, or disposes it and returns false if these tasks are disposed. */
        boolean add(Disposable d) {
            live.add(d);
            if (disposed) {
                live.remove(d);
                d.dispose();
                return false;
            }
            return true;
        }

        void remove(Disposable d) {
            live.remove(d);
        }

        /** Sets {@code disposed} before reading {@code live}, as {@code add} writes in the other order. */
        void dispose() {
            disposed = true;
            live.forEach(Disposable::dispose);
        }
    }

    /** A timer that is armed, numbered in arming order so that a late write never hides a newer one. */
    private record Armed(long n, Timer timer) {}

    /**
     * A task on a timer: once ({@code period} null) or re-armed for its next due time after each
     * run, until disposed. Each arming happens in the run of the previous timer, so one thread
     * at a time reads and writes {@code due} and {@code arms}; {@code armed} may be written late
     * by an arming thread, hence the numbers.
     */
    private final class Task implements Disposable {
        private final Runnable task;
        private final Duration period;
        private final Tasks owner;
        private final Consumer<Runnable> runner;
        private final AtomicReference<Armed> armed = new AtomicReference<>(new Armed(0, () -> false));
        private Instant due;
        private long arms;
        private volatile boolean disposed;

        Task(Runnable task, Duration period, Tasks owner, Consumer<Runnable> runner) {
            this.task = Objects.requireNonNull(task, "task");
            this.period = period;
            this.owner = owner;
            this.runner = runner;
        }

        Task start(Duration delay) {
            if (!owner.add(this)) {
                throw Exceptions.failWithRejected();
            }
            due = plusSaturated(clock.now(), delay);
            arm(delay);
            return this;
        }

        private void arm(Duration delay) {
            Armed a = new Armed(++arms, clock.afterFunc(delay, () -> runner.accept(this::fire)));
            armed.accumulateAndGet(a, (current, next) -> next.n() > current.n() ? next : current);
            if (disposed) {
                a.timer().stop();
            }
        }

        private void fire() {
            if (disposed) {
                return;
            }
            try {
                task.run();
            } catch (Throwable e) {
                dispose();
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
                return;
            }
            if (period == null) {
                dispose();
            } else if (!disposed) {
                due = plusSaturated(due, period);
                arm(Duration.between(clock.now(), due));
            }
        }

        @Override
        public void dispose() {
            disposed = true;
            armed.get().timer().stop();
            owner.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return disposed;
        }
    }

    /** Runs its tasks one at a time: a fired task joins a queue that one thread at a time drains. */
    private final class ClockWorker implements Worker {
        private final Tasks pending = new Tasks();
        private final Queue<Runnable> ready = new ConcurrentLinkedQueue<>();
        private final AtomicInteger wip = new AtomicInteger();

        @Override
        public Disposable schedule(Runnable task) {
            return schedule(task, 0, TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return new Task(task, null, pending, this::runSerially).start(duration(delay, unit));
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return new Task(task, period(period, unit), pending, this::runSerially).start(duration(initialDelay, unit));
        }

        private void runSerially(Runnable fired) {
            ready.add(fired);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            do {
                Runnable next = ready.poll();
                if (!pending.disposed) {
                    next.run();
                }
            } while (wip.decrementAndGet() != 0);
        }

        @Override
        public void dispose() {
            pending.dispose();
            tasks.remove(this);
        }

        @Override
        public boolean isDisposed() {
            return pending.disposed;
        }
    }
}
