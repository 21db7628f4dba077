package io.github.chanflux.reactor;

import io.github.chanflux.context.Context;
import io.github.chanflux.internal.RateHooks;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Rate limiting for Reactor with a Go {@link Limiter} ({@code golang.org/x/time/rate};
 * "Concurrency in Go" 5.5). Reactor has no such operator (reactor-core #2000, #2964).
 *
 * <p>{@link #rateLimit(Limiter)} limits <em>elements</em>: each one reserves its tokens when it
 * arrives and is emitted once the reservation's time to act has come, so the stream conforms to
 * the limiter. No thread blocks: the delay is a {@link Scheduler} timer. One limiter may be
 * shared by many streams (per-user limits in a service), and used directly ({@code allow()},
 * {@code await}) at the same time: together they conform.
 *
 * <p>Time is the limiter's: every operator here reads the time as the limiter does
 * ({@link Limiter#now()}), compares a wait with the time left before a context's deadline on
 * the context's clock, and only times its delays on the scheduler. With
 * {@code StepVerifier.withVirtualTime}, give the limiter (and a context with a deadline) a
 * {@link io.github.chanflux.time.Clock Clock} that reads the virtual scheduler's {@code now()}.
 *
 * <p>{@link #acquire(Limiter, Context)} is Go's {@code limiter.Wait(ctx)} before a call;
 * {@link #acquire(Limiter)} takes the Go context from the subscriber context ({@link GoContexts}).
 */
public final class RateLimit {

    private RateLimit() {}

    /**
     * {@link #rateLimit(Limiter, ToIntFunction, Scheduler)} with one token per element on {@code parallel()}.
     *
     * @param limiter the limiter the stream conforms to
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T> Function<Flux<T>, Flux<T>> rateLimit(Limiter limiter) {
        return rateLimit(limiter, element -> 1, Schedulers.parallel());
    }

    /**
     * Delays elements so that the stream conforms to {@code limiter}, taking
     * {@code weigher.applyAsInt(element)} tokens per element.
     *
     * <p>Emits every element, in order, each no earlier than its reservation allows. Requests
     * one element at a time from upstream, and only when downstream has demand that no element
     * in hand will meet, so tokens are reserved only for elements about to be emitted. Completes
     * after the last element is emitted. On cancellation or an upstream error, the element being
     * delayed is dropped, its reservation cancelled and its tokens go back to the limiter (as far
     * as later reservations allow), and the error passes through at once. Errors with
     * {@link IllegalArgumentException} if an element needs more tokens than the burst, or a
     * negative number.
     *
     * @param limiter the limiter the stream conforms to
     * @param weigher how many tokens an element takes
     * @param scheduler where the delays are timed; the time itself is the limiter's
     *     ({@link Limiter#now()})
     * @param <T> the element type
     * @return the operator, for {@link Flux#transform}
     */
    public static <T> Function<Flux<T>, Flux<T>> rateLimit(
            Limiter limiter, ToIntFunction<? super T> weigher, Scheduler scheduler) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(weigher, "weigher");
        Objects.requireNonNull(scheduler, "scheduler");
        return flux -> new FluxRateLimit<>(flux, limiter, weigher, scheduler);
    }

    /**
     * {@link #acquire(Limiter, Context)} under the Go context of the subscriber
     * ({@link GoContexts#get}; {@code background()} if none was put).
     *
     * @param limiter the limiter to take a token from
     * @return an empty {@code Mono} that completes when one event may happen
     */
    public static Mono<Void> acquire(Limiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        return Mono.deferContextual(view -> acquire(limiter, GoContexts.get(view)));
    }

    /**
     * Completes when one event may happen: Go's {@code limiter.Wait(ctx)}, without blocking.
     * Fails at once with {@code ctx.err()} if the context is done, with an
     * {@link IllegalArgumentException} if the limit is finite and the burst is 0, or with a
     * {@link TimeoutException} if the wait would outlast the context's deadline; as in Go, such
     * a wait reserves nothing, so it takes no token even from concurrent callers' reservations.
     * Fails with {@code ctx.err()} if the context ends while waiting. Cancelling, or the context
     * ending, gives the reserved token back. Reserves on subscription; each subscription
     * reserves anew.
     *
     * @param limiter the limiter to take a token from
     * @param ctx the context whose end or deadline bounds the wait
     * @return an empty {@code Mono} that completes when one event may happen
     */
    public static Mono<Void> acquire(Limiter limiter, Context ctx) {
        return acquire(limiter, ctx, Schedulers.parallel());
    }

    /**
     * {@link #acquire(Limiter, Context)} with timers on {@code scheduler}.
     *
     * @param limiter the limiter to take a token from
     * @param ctx the context whose end or deadline bounds the wait
     * @param scheduler where the wait is timed
     * @return an empty {@code Mono} that completes when one event may happen
     */
    public static Mono<Void> acquire(Limiter limiter, Context ctx, Scheduler scheduler) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(scheduler, "scheduler");
        return Mono.defer(() -> {
            Exception err = ctx.err();
            if (err != null) {
                return Mono.error(err);
            }
            Instant now = limiter.now();
            Reservation r;
            try {
                r = RateHooks.reserveToWait(limiter, ctx, 1, now);
            } catch (TimeoutException | RuntimeException e) {
                return Mono.error(e);
            }
            Duration delay = r.delayFrom(now);
            Mono<Void> wait =
                    delay.isZero() ? Mono.empty() : Mono.delay(delay, scheduler).then();
            Mono<Void> canceled = GoContexts.whenDone(ctx).then(Mono.error(ctx::err));
            return Mono.firstWithSignal(wait, canceled).doOnCancel(r::cancel).doOnError(e -> r.cancel());
        });
    }
}
