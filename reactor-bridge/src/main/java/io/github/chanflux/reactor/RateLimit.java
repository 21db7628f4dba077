package io.github.chanflux.reactor;

import io.github.chanflux.context.Context;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
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
 * the limiter. No thread blocks: the delay is a {@link Scheduler} timer, and the time the
 * limiter sees is the scheduler's ({@code StepVerifier.withVirtualTime} works). One limiter may
 * be shared by many streams (per-user limits in a service): together they conform.
 *
 * <p>{@link #acquire(Limiter, Context)} is Go's {@code limiter.Wait(ctx)} before a call;
 * {@link #acquire(Limiter)} takes the Go context from the subscriber context ({@link GoContexts}).
 */
public final class RateLimit {

    private RateLimit() {
    }

    /** {@link #rateLimit(Limiter, ToIntFunction, Scheduler)} with one token per element on {@code parallel()}. */
    public static <T> Function<Flux<T>, Flux<T>> rateLimit(Limiter limiter) {
        return rateLimit(limiter, element -> 1, Schedulers.parallel());
    }

    /**
     * Delays elements so that the stream conforms to {@code limiter}, taking
     * {@code weigher.applyAsInt(element)} tokens per element.
     *
     * <p>Emits every element, in order, each no earlier than its reservation allows. Requests
     * one element at a time from upstream, and only while downstream has demand, so tokens are
     * reserved only for elements about to be emitted. On cancellation, the reservation of the
     * element being delayed is cancelled and its tokens go back to the limiter (as far as later
     * reservations allow). Errors with {@link IllegalArgumentException} if an element needs
     * more tokens than the burst, or a negative number; upstream errors pass through.
     */
    public static <T> Function<Flux<T>, Flux<T>> rateLimit(Limiter limiter, ToIntFunction<? super T> weigher,
                                                          Scheduler scheduler) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(weigher, "weigher");
        Objects.requireNonNull(scheduler, "scheduler");
        return flux -> flux.concatMap(element -> admit(limiter, weigher.applyAsInt(element), scheduler)
                .thenReturn(element), 0);
    }

    /**
     * {@link #acquire(Limiter, Context)} under the Go context of the subscriber
     * ({@link GoContexts#get}; {@code background()} if none was put).
     */
    public static Mono<Void> acquire(Limiter limiter) {
        Objects.requireNonNull(limiter, "limiter");
        return Mono.deferContextual(view -> acquire(limiter, GoContexts.get(view)));
    }

    /**
     * Completes when one event may happen: Go's {@code limiter.Wait(ctx)}, without blocking.
     * Fails at once with {@code ctx.err()} if the context is done, or with a
     * {@link TimeoutException} if the wait would outlast the context's deadline; fails with
     * {@code ctx.err()} if the context ends while waiting. Cancelling, or the context ending,
     * gives the reserved token back. Reserves on subscription; each subscription reserves anew.
     */
    public static Mono<Void> acquire(Limiter limiter, Context ctx) {
        return acquire(limiter, ctx, Schedulers.parallel());
    }

    /** {@link #acquire(Limiter, Context)} with timers on {@code scheduler}. */
    public static Mono<Void> acquire(Limiter limiter, Context ctx, Scheduler scheduler) {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(scheduler, "scheduler");
        return Mono.defer(() -> {
            Exception err = ctx.err();
            if (err != null) {
                return Mono.error(err);
            }
            Instant now = now(scheduler);
            Reservation r = limiter.reserveN(now, 1);
            Duration delay = r.delayFrom(now);
            boolean beyondDeadline = ctx.deadline().map(d -> delay.compareTo(Duration.between(now, d)) > 0)
                    .orElse(false);
            if (!r.ok() || beyondDeadline) {
                r.cancelAt(now);
                return Mono.error(new TimeoutException("rate: Wait(n=1) would exceed context deadline"));
            }
            Mono<Void> wait = delay.isZero() ? Mono.empty() : Mono.delay(delay, scheduler).then();
            Mono<Void> canceled = GoContexts.whenDone(ctx).then(Mono.error(ctx::err));
            return Mono.firstWithSignal(wait, canceled)
                    .doOnCancel(() -> r.cancelAt(now(scheduler)))
                    .doOnError(e -> r.cancelAt(now(scheduler)));
        });
    }

    /** Delays for the reservation of {@code n} tokens; errors if it can never be granted. */
    private static Mono<Void> admit(Limiter limiter, int n, Scheduler scheduler) {
        if (n < 0) {
            return Mono.error(new IllegalArgumentException("negative token count: " + n));
        }
        Instant now = now(scheduler);
        Reservation r = limiter.reserveN(now, n);
        if (!r.ok()) {
            return Mono.error(new IllegalArgumentException(
                    "rate: n=" + n + " exceeds limiter's burst " + limiter.burst()));
        }
        Duration delay = r.delayFrom(now);
        if (delay.isZero()) {
            return Mono.empty();
        }
        return Mono.delay(delay, scheduler).then().doOnCancel(() -> r.cancelAt(now(scheduler)));
    }

    private static Instant now(Scheduler scheduler) {
        return Instant.EPOCH.plusNanos(scheduler.now(TimeUnit.NANOSECONDS));
    }
}
