package io.github.chanflux.reactor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Heartbeats for Reactor: "Concurrency in Go" 5.3, interval heartbeats, as an operator used
 * with {@code transform}. A stream tells its subscriber it is alive while its source is idle:
 * {@code orders.transform(heartbeat(Duration.ofSeconds(1)))} gives a {@link Beat} per order and
 * a pulse after every second without one, so a subscriber can tell a quiet source from a
 * stuck one ({@code timeout} on the result fails only when pulses stop too). The channel form
 * is {@link io.github.chanflux.pattern.Heartbeat}.
 *
 * <p>Reactor has no such operator. Merging {@code Flux.interval} in does not do: it fails with
 * "Could not emit tick … due to lack of requests" once demand runs out (reactor-core #911) and
 * never completes. Here, as with Go's {@code select { case heartbeat <- struct{}{}: default: }},
 * a pulse that the subscriber has no demand for is dropped, and the stream completes or fails
 * with its source. The nearest anchor is Akka/Pekko Streams' {@code keepAlive}, which
 * {@link #keepAlive} follows.
 *
 * <p>The contract, for both operators: a pulse is emitted when {@code interval} has passed since
 * the subscription or since the last element (value or pulse) was emitted, and the subscriber
 * has demand; otherwise that pulse is dropped and the next comes one interval later. Pulses
 * count against demand like values; a value that arrives when a pulse has taken the demand it
 * was requested for is held until the next request, so upstream is never asked for more than
 * downstream requested. Values pass in order and unchanged. Completion waits for the held values
 * to be emitted; an error passes at once, dropping them. Cancelling cancels the source and stops
 * the timer. The timer runs on {@code scheduler} ({@code Schedulers.parallel()} by default, as
 * {@code Flux.interval}), so {@code StepVerifier.withVirtualTime} drives it; it is one scheduled
 * task at a time, re-armed once per interval, not per value.
 */
public final class Heartbeats {

    /** 2^62 ns, about 146 years: longer intervals are cut to it. */
    private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE / 2);

    private Heartbeats() {}

    /**
     * {@link #heartbeat(Duration, Scheduler)} on {@code Schedulers.parallel()}.
     *
     * @param interval the idle time after which a pulse is emitted
     * @param <T> the type of the source's values
     * @return the operator, for {@code transform}
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    public static <T> Function<Flux<T>, Flux<Beat<T>>> heartbeat(Duration interval) {
        return heartbeat(interval, Schedulers.parallel());
    }

    /**
     * Interval heartbeats: each value of the source as a {@link Beat.Value}, and a
     * {@link Beat.Pulse} after every {@code interval} without an element, as described in the
     * class comment. Go's {@code doWork(done, pulseInterval)} with its two channels merged.
     *
     * @param interval the idle time after which a pulse is emitted; Go's {@code pulseInterval}
     * @param scheduler the scheduler of the timer
     * @param <T> the type of the source's values
     * @return the operator, for {@code transform}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    public static <T> Function<Flux<T>, Flux<Beat<T>>> heartbeat(Duration interval, Scheduler scheduler) {
        long nanos = intervalNanos(interval);
        Objects.requireNonNull(scheduler, "scheduler");
        return flux -> new FluxKeepAlive<T, Beat<T>>(flux, nanos, Beat::value, Beat::pulse, scheduler);
    }

    /**
     * {@link #keepAlive(Duration, Supplier, Scheduler)} on {@code Schedulers.parallel()}.
     *
     * @param interval the idle time after which a pulse is emitted
     * @param pulse makes each pulse
     * @param <T> the type of the elements
     * @return the operator, for {@code transform}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    public static <T> Function<Flux<T>, Flux<T>> keepAlive(Duration interval, Supplier<? extends T> pulse) {
        return keepAlive(interval, pulse, Schedulers.parallel());
    }

    /**
     * Injects {@code pulse.get()} after every {@code interval} without an element, as described
     * in the class comment: Pekko's {@code keepAlive(maxIdle, injectedElem)}, for streams whose
     * element type has a keep-alive of its own (a server-sent-event comment, a ping frame).
     * If {@code pulse} throws or returns null, the stream fails with that error and the source
     * is cancelled.
     *
     * @param interval the idle time after which a pulse is emitted
     * @param pulse makes each pulse; called only when a pulse is emitted
     * @param scheduler the scheduler of the timer
     * @param <T> the type of the elements
     * @return the operator, for {@code transform}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code interval} is zero or negative
     */
    public static <T> Function<Flux<T>, Flux<T>> keepAlive(
            Duration interval, Supplier<? extends T> pulse, Scheduler scheduler) {
        long nanos = intervalNanos(interval);
        Objects.requireNonNull(pulse, "pulse");
        Objects.requireNonNull(scheduler, "scheduler");
        return flux -> new FluxKeepAlive<T, T>(flux, nanos, Function.identity(), pulse, scheduler);
    }

    /** The interval in nanoseconds, saturated as Go's durations are: centuries never elapse. */
    private static long intervalNanos(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("heartbeat needs interval > 0, got " + interval);
        }
        return interval.compareTo(NEVER) >= 0 ? NEVER.toNanos() : interval.toNanos();
    }
}
