package io.github.chanflux.reactor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * One subscription to a {@link Supervisor supervised} flux: its incarnations, restart window and
 * events. Each incarnation is {@code factory.get()} watched by a {@link DemandHeartbeat}, whose
 * silence is a {@link HeartbeatTimeout}; {@code retryWhen} subscribes again as long as
 * {@link #decide} allows. Fields need no lock: {@code retryWhen} subscribes to the next incarnation only after
 * the companion has decided on the failure of the previous one, so they are touched by one
 * signal at a time.
 */
final class SupervisedRun<T> {

    private final Supervisor supervisor;
    private final Supplier<? extends Publisher<? extends T>> factory;
    private final Scheduler timer;
    /** When the restarts in the current window happened, oldest first, in the timer's nanoseconds. */
    private final ArrayDeque<Long> restarts = new ArrayDeque<>();

    private int incarnation;

    SupervisedRun(Supervisor supervisor, Supplier<? extends Publisher<? extends T>> factory, Scheduler timer) {
        this.supervisor = supervisor;
        this.factory = factory;
        this.timer = timer;
    }

    Flux<T> flux() {
        return Flux.defer(this::start).retryWhen(Retry.from(failures -> failures.concatMap(this::decide)));
    }

    /** Subscribes to a new incarnation, watched by the heartbeat timeout. */
    private Flux<T> start() {
        incarnation++;
        supervisor.emit(new SupervisorEvent.Started(incarnation));
        Publisher<? extends T> source = Objects.requireNonNull(factory.get(), "factory returned null");
        Duration timeout = supervisor.heartbeatTimeout();
        int current = incarnation;
        Flux<T> incarnation = Flux.from(source);
        return Flux.<T>from(subscriber -> incarnation.subscribe(
                new DemandHeartbeat<T>(Operators.toCoreSubscriber(subscriber), timeout, timer, () -> {
                    supervisor.emit(new SupervisorEvent.Unhealthy(current, timeout));
                    return new HeartbeatTimeout(current, timeout);
                })));
    }

    /** Restart after a backoff, or give up: the companion's answer to one failure. */
    private Mono<Long> decide(Retry.RetrySignal signal) {
        Throwable failure = signal.failure();
        boolean restartable;
        try {
            restartable = failure instanceof HeartbeatTimeout || supervisor.restartable(failure);
        } catch (Throwable predicateFailed) {
            Exceptions.throwIfJvmFatal(predicateFailed);
            predicateFailed.addSuppressed(failure);
            return giveUp(predicateFailed);
        }
        if (!restartable) {
            return giveUp(failure);
        }
        long now = timer.now(TimeUnit.NANOSECONDS);
        long window = saturatedNanos(supervisor.within());
        while (!restarts.isEmpty() && now - restarts.peekFirst() >= window) {
            restarts.removeFirst();
        }
        if (restarts.size() >= supervisor.maxRestarts()) {
            return giveUp(Exceptions.retryExhausted(
                    "supervisor gave up: another restart would be more than " + supervisor.maxRestarts() + " within "
                            + supervisor.within() + "; last failure: " + failure,
                    failure));
        }
        restarts.addLast(now);
        Duration backoff = backoff(signal.totalRetriesInARow());
        supervisor.emit(new SupervisorEvent.Restarting(incarnation, failure, backoff));
        return backoff.isZero() ? Mono.just(0L) : Mono.delay(backoff, timer);
    }

    private Mono<Long> giveUp(Throwable error) {
        supervisor.emit(new SupervisorEvent.GaveUp(incarnation, error));
        return Mono.error(error);
    }

    /**
     * {@code min * 2^attempt}, at most max; then a uniform offset within ±jitter of it, kept
     * within [min, max] (and clamped there against rounding), as Reactor's
     * {@code RetryBackoffSpec} computes it.
     */
    private Duration backoff(long attempt) {
        Duration min = supervisor.minBackoff();
        Duration max = supervisor.maxBackoff();
        Duration base;
        try {
            base = attempt >= Long.SIZE - 1 ? max : min.multipliedBy(1L << attempt);
        } catch (ArithmeticException overflow) {
            base = max;
        }
        if (base.compareTo(max) > 0) {
            base = max;
        }
        if (supervisor.jitter() == 0 || base.isZero()) {
            return base;
        }
        double spread = seconds(base) * supervisor.jitter();
        double low = Math.max(seconds(min) - seconds(base), -spread);
        double high = Math.min(seconds(max) - seconds(base), spread);
        double offset = low + ThreadLocalRandom.current().nextDouble() * (high - low);
        Duration jittered = base.plusNanos((long) (offset * 1e9));
        return jittered.compareTo(min) < 0 ? min : jittered.compareTo(max) > 0 ? max : jittered;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    /** {@code d} in nanoseconds, {@code Long.MAX_VALUE} beyond; also the {@link DemandHeartbeat}'s. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException beyondLong) {
            return Long.MAX_VALUE;
        }
    }

    /** A heartbeat timeout: always restartable, and the cause a restart or a give-up reports. */
    static final class HeartbeatTimeout extends TimeoutException {

        HeartbeatTimeout(int incarnation, Duration timeout) {
            super("incarnation " + incarnation + " emitted no element within " + timeout);
        }
    }
}
