package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.HedgingPolicy;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Hedged requests as a {@code Mono} ("The Tail at Scale", Dean and Barroso, CACM 2013; beyond
 * the book; the channel form is {@code io.github.chanflux.pattern.Hedging}): subscribe to one
 * attempt, and only if it has not answered after a delay to the next, as a
 * {@link HedgingPolicy} says, with gRPC's {@code hedgingPolicy} semantics. Reactor has no such
 * operator.
 *
 * <pre>{@code
 * HedgingPolicy policy = HedgingPolicy.of(3, HedgeDelay.percentile(95, 200, Duration.ofMillis(50)));
 * Mono<String> answer = Hedging.hedge(policy, attempt -> client(attempt % 3).get(request));
 * }</pre>
 */
public final class Hedging {

    private Hedging() {}

    /**
     * {@link #hedge(HedgingPolicy, IntFunction, Scheduler)} on {@link Schedulers#parallel()}.
     *
     * @param policy the attempts, delay, retryable failures and budget
     * @param attempt the request as attempt {@code k} (0 for the first)
     * @param <T> the value's type
     * @return the first value of the attempts
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<T> hedge(HedgingPolicy policy, IntFunction<? extends Mono<? extends T>> attempt) {
        return hedge(policy, attempt, Schedulers.parallel());
    }

    /**
     * Subscribes to {@code attempt.apply(0)} at once and to {@code attempt.apply(k + 1)} when
     * attempt {@code k} has not answered after {@code policy.delay()} (timed on
     * {@code scheduler}), or at once when an attempt fails with an error
     * {@code policy.retryable()} accepts; at most {@code policy.maxAttempts()} attempts, each
     * after the first only if {@code policy.budget().allow()} (else no more are sent and the
     * outstanding ones are awaited). Emits the first value and cancels every other attempt then;
     * the time the first attempt ran is {@linkplain HedgeDelay#record recorded} in the policy's
     * delay. The value is emitted once requested. Fails at once, cancelling the others, with the error of an attempt that
     * {@code retryable} rejects (an attempt completing empty fails with a
     * {@link NoSuchElementException}); fails with an {@link AllFailedException} naming each cause
     * when every attempt sent has failed and no more may be sent. Cancelling the {@code Mono}
     * cancels every attempt and the pending timer. Each subscription is a new request; an
     * exception {@code attempt} throws, or a null it returns, is that attempt's failure.
     *
     * @param policy the attempts, delay, retryable failures and budget
     * @param attempt the request as attempt {@code k} (0 for the first)
     * @param scheduler the time for the delays and latencies
     * @param <T> the value's type
     * @return the first value of the attempts
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<T> hedge(
            HedgingPolicy policy, IntFunction<? extends Mono<? extends T>> attempt, Scheduler scheduler) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(scheduler, "scheduler");
        return HedgedCall.MonoHedge.of(policy, attempt, scheduler);
    }
}
