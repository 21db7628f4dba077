package io.github.chanflux.reactor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The steward of "Concurrency in Go" 5.6 (Go's {@code newSteward(timeout, startGoroutine)};
 * {@code io.github.chanflux.pattern.Steward} over channels) as a Reactor supervisor: it
 * subscribes to a source made by a factory, treats a source that emits no element within the
 * heartbeat timeout as unhealthy, and replaces a failed source with a new one, as an Erlang
 * supervisor restarts a child. Immutable: each setter returns a new supervisor, so one
 * configuration can supervise many sources.
 * <pre>{@code
 * Flux<Quote> quotes = Supervisor.withHeartbeatTimeout(Duration.ofSeconds(4))
 *         .backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 0.5)
 *         .maxRestarts(3, Duration.ofMinutes(1))
 *         .restartIf(e -> e instanceof IOException)
 *         .onEvent(event -> log.info("{}", event))
 *         .supervise(() -> feed.connect());
 * }</pre>
 *
 * <p>The contract of {@link #supervise supervised} flux:
 * <ul>
 * <li>Emits the elements of each incarnation of the source in turn; completes when an
 *     incarnation completes (a normal end is not a failure; to have a finished source replaced,
 *     let it go silent with {@code concatWith(Flux.never())}, and the heartbeat timeout restarts
 *     it as the book's steward restarts a ward that has halted).</li>
 * <li>Unhealthy: no element within the heartbeat timeout while one is wanted, that is while
 *     downstream has requested an element not yet delivered: measured from the request that
 *     leaves demand outstanding and from each element after which some remains. A reader that
 *     is slow, or requests nothing for a while, does not make the source unhealthy, as the book's
 *     ward keeps pulsing while blocked on its send (Reactor's {@code timeout} would count that
 *     time). The source is cancelled (the book's {@code close(wardDone)}) and replaced.
 *     Heartbeat timeouts are always restartable.</li>
 * <li>An error of the source is restarted if the {@linkplain #restartIf predicate} accepts it;
 *     otherwise the flux fails with it at once.</li>
 * <li>Restarts wait a backoff: {@code min * 2^k}, at most {@code max}, where k counts the
 *     restarts since the last element; with jitter j, a random offset within ±j of that,
 *     kept within {@code [min, max]} (Reactor's {@code Retry.backoff} rule).</li>
 * <li>Restart intensity: if a restart would be more than {@code count} within {@code within}
 *     (Erlang's MaxR in MaxT; Pekko's {@code withMaxRestarts(count, within)}), the supervisor
 *     gives up: the flux fails with an error whose message says so and whose cause is the last
 *     failure; {@link Exceptions#isRetryExhausted} recognizes it. Reactor's
 *     {@code Retry.backoff} counts restarts with no window.</li>
 * <li>Cancelling cancels the current source and any pending restart; nothing is restarted after.</li>
 * </ul>
 * Timers (heartbeat, backoff) and the restart window run on the {@link #scheduler(Scheduler)
 * scheduler}, so {@code StepVerifier.withVirtualTime} drives them. Requests pass through to the
 * current source; what a source had been asked for and not delivered is asked of its
 * replacement.
 *
 * <p>Defaults: Erlang's intensity (1 restart in 5 s), no backoff (restart at once, as the book's
 * steward and Erlang do), every error restartable, {@link Schedulers#parallel()}, no listener.
 */
public final class Supervisor {

    private final Duration heartbeatTimeout;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final int maxRestarts;
    private final Duration within;
    private final Predicate<? super Throwable> restartIf;
    /** Null: {@link Schedulers#parallel()} at assembly, so that virtual time can replace it. */
    private final Scheduler scheduler;

    private final Consumer<? super SupervisorEvent> listener;

    private Supervisor(
            Duration heartbeatTimeout,
            Duration minBackoff,
            Duration maxBackoff,
            double jitter,
            int maxRestarts,
            Duration within,
            Predicate<? super Throwable> restartIf,
            Scheduler scheduler,
            Consumer<? super SupervisorEvent> listener) {
        this.heartbeatTimeout = heartbeatTimeout;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        this.jitter = jitter;
        this.maxRestarts = maxRestarts;
        this.within = within;
        this.restartIf = restartIf;
        this.scheduler = scheduler;
        this.listener = listener;
    }

    /**
     * A supervisor that finds a source unhealthy when it emits no element for
     * {@code heartbeatTimeout}, with the defaults above.
     *
     * @param heartbeatTimeout the longest a healthy source goes without an element
     * @return the supervisor
     * @throws IllegalArgumentException if {@code heartbeatTimeout} is zero or negative
     * @throws NullPointerException if {@code heartbeatTimeout} is null
     */
    public static Supervisor withHeartbeatTimeout(Duration heartbeatTimeout) {
        return new Supervisor(
                checkPositive(heartbeatTimeout, "heartbeatTimeout"),
                Duration.ZERO,
                Duration.ZERO,
                0,
                1,
                Duration.ofSeconds(5),
                e -> true,
                null,
                event -> {});
    }

    /**
     * This supervisor with an exponential backoff between restarts.
     *
     * @param min the backoff of the first restart after an element (zero: at once)
     * @param max the longest backoff
     * @param jitter the random spread, a fraction of the backoff in [0, 1]
     * @return the new supervisor
     * @throws IllegalArgumentException if {@code min} is negative, {@code max} is less than
     *     {@code min}, or {@code jitter} is not in [0, 1]
     * @throws NullPointerException if {@code min} or {@code max} is null
     */
    public Supervisor backoff(Duration min, Duration max, double jitter) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative()) {
            throw new IllegalArgumentException("backoff min must not be negative, got " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff max must be at least min " + min + ", got " + max);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("backoff jitter must be in [0, 1], got " + jitter);
        }
        return new Supervisor(heartbeatTimeout, min, max, jitter, maxRestarts, within, restartIf, scheduler, listener);
    }

    /**
     * This supervisor with a maximum restart intensity: at most {@code count} restarts within
     * any {@code within}; the next failure gives up.
     *
     * @param count the restarts allowed in the window (0: the first failure gives up)
     * @param within the length of the window
     * @return the new supervisor
     * @throws IllegalArgumentException if {@code count} is negative or {@code within} is zero
     *     or negative
     * @throws NullPointerException if {@code within} is null
     */
    public Supervisor maxRestarts(int count, Duration within) {
        if (count < 0) {
            throw new IllegalArgumentException("maxRestarts count must not be negative, got " + count);
        }
        return new Supervisor(
                heartbeatTimeout,
                minBackoff,
                maxBackoff,
                jitter,
                count,
                checkPositive(within, "maxRestarts within"),
                restartIf,
                scheduler,
                listener);
    }

    /**
     * This supervisor restarting only after the source errors that {@code predicate} accepts;
     * any other error ends the supervised flux. Heartbeat timeouts are restarted whatever the
     * predicate says. An exception thrown by the predicate ends the flux with it, the source's
     * error {@linkplain Throwable#addSuppressed suppressed} in it, after a {@code GaveUp} event.
     *
     * @param predicate whether an error of the source is worth a restart
     * @return the new supervisor
     * @throws NullPointerException if {@code predicate} is null
     */
    public Supervisor restartIf(Predicate<? super Throwable> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new Supervisor(
                heartbeatTimeout, minBackoff, maxBackoff, jitter, maxRestarts, within, predicate, scheduler, listener);
    }

    /**
     * This supervisor with its timers and clock on {@code scheduler}.
     *
     * @param scheduler runs the heartbeat timeouts and backoffs, and tells the time of restarts
     * @return the new supervisor
     * @throws NullPointerException if {@code scheduler} is null
     */
    public Supervisor scheduler(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        return new Supervisor(
                heartbeatTimeout, minBackoff, maxBackoff, jitter, maxRestarts, within, restartIf, scheduler, listener);
    }

    /**
     * This supervisor also telling {@code listener} each {@link SupervisorEvent}, after the
     * listeners already added. A listener runs synchronously on the thread of the signal that
     * caused the event, so it must be quick; an exception it throws goes to Reactor's
     * dropped-error hook ({@code Hooks.onErrorDropped}) and changes nothing else.
     *
     * @param listener receives the events
     * @return the new supervisor
     * @throws NullPointerException if {@code listener} is null
     */
    public Supervisor onEvent(Consumer<? super SupervisorEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<? super SupervisorEvent> before = this.listener;
        Consumer<SupervisorEvent> both = event -> {
            tell(before, event);
            tell(listener, event);
        };
        return new Supervisor(
                heartbeatTimeout, minBackoff, maxBackoff, jitter, maxRestarts, within, restartIf, scheduler, both);
    }

    /**
     * Supervises the sources {@code factory} makes: a new one for each subscription and each
     * restart. A factory that throws or returns null fails that incarnation, which is restarted
     * as any other failure the predicate accepts.
     *
     * @param factory makes an incarnation of the source
     * @param <T> the type of the elements
     * @return the supervised flux, cold: each subscription supervises sources of its own
     * @throws NullPointerException if {@code factory} is null
     */
    public <T> Flux<T> supervise(Supplier<? extends Publisher<? extends T>> factory) {
        Objects.requireNonNull(factory, "factory");
        Scheduler timer = scheduler != null ? scheduler : Schedulers.parallel();
        return Flux.defer(() -> new SupervisedRun<T>(this, factory, timer).flux());
    }

    Duration heartbeatTimeout() {
        return heartbeatTimeout;
    }

    Duration minBackoff() {
        return minBackoff;
    }

    Duration maxBackoff() {
        return maxBackoff;
    }

    double jitter() {
        return jitter;
    }

    int maxRestarts() {
        return maxRestarts;
    }

    Duration within() {
        return within;
    }

    boolean restartable(Throwable error) {
        return restartIf.test(error);
    }

    /** Tells the listeners; what they throw goes to the dropped-error hook. */
    void emit(SupervisorEvent event) {
        tell(listener, event);
    }

    /** Tells one listener; what it throws goes to the dropped-error hook, so the next is told too. */
    private static void tell(Consumer<? super SupervisorEvent> listener, SupervisorEvent event) {
        try {
            listener.accept(event);
        } catch (Throwable e) {
            Exceptions.throwIfJvmFatal(e);
            Operators.onErrorDropped(e, reactor.util.context.Context.empty());
        }
    }

    private static Duration checkPositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (!d.isPositive()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }
}
