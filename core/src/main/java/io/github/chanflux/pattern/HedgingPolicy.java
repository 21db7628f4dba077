package io.github.chanflux.pattern;

import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The knobs of a hedged request ("The Tail at Scale", Dean and Barroso, CACM 2013), named as
 * gRPC's {@code hedgingPolicy} names them: send an attempt, and each time the latest has not
 * answered after {@code delay}, send the next, up to {@code maxAttempts} in all; an attempt
 * failing with an error {@code retryable} accepts (gRPC's non-fatal status codes) sends the next
 * at once, any other error ends the request. Every attempt after the first takes a token from
 * {@code budget} ({@code limiter.allow()}, gRPC's retry throttling, Polly's rate-limited
 * hedging): when it has none, no more attempts are sent and the request waits for those out.
 *
 * <pre>{@code
 * HedgingPolicy policy = HedgingPolicy.of(3, HedgeDelay.percentile(95, 200, Duration.ofMillis(50)))
 *         .withRetryable(e -> e instanceof ConnectException)
 *         .withBudget(new Limiter(Limit.of(10), 10));      // at most ~10 extra attempts a second
 * }</pre>
 *
 * @param maxAttempts the most attempts per request, the first included, at least 1
 * @param delay how long to wait for an attempt before sending the next; shared by the calls
 * @param retryable which failures send the next attempt at once rather than end the request
 * @param budget where every attempt after the first takes a token, {@code allow()} or none sent
 */
public record HedgingPolicy(int maxAttempts, HedgeDelay delay, Predicate<? super Throwable> retryable, Limiter budget) {

    /**
     * Checks the knobs.
     *
     * @param maxAttempts the most attempts per request, the first included, at least 1
     * @param delay how long to wait for an attempt before sending the next
     * @param retryable which failures send the next attempt at once
     * @param budget where every attempt after the first takes a token
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     * @throws NullPointerException if {@code delay}, {@code retryable} or {@code budget} is null
     */
    public HedgingPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("hedging: maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(retryable, "retryable");
        Objects.requireNonNull(budget, "budget");
    }

    /**
     * A policy with no retryable failure and no budget (a limiter of {@link Limit#INF}).
     *
     * @param maxAttempts the most attempts per request, the first included, at least 1
     * @param delay how long to wait for an attempt before sending the next
     * @return the policy
     * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
     * @throws NullPointerException if {@code delay} is null
     */
    public static HedgingPolicy of(int maxAttempts, HedgeDelay delay) {
        return new HedgingPolicy(maxAttempts, delay, e -> false, new Limiter(Limit.INF, 0));
    }

    /**
     * This policy, with failures that send the next attempt at once.
     *
     * @param retryable true for a failure after which the next attempt is sent at once
     * @return the new policy
     * @throws NullPointerException if {@code retryable} is null
     */
    public HedgingPolicy withRetryable(Predicate<? super Throwable> retryable) {
        return new HedgingPolicy(maxAttempts, delay, retryable, budget);
    }

    /**
     * This policy, with a budget for the attempts after the first.
     *
     * @param budget the limiter each extra attempt takes a token from, or is not sent
     * @return the new policy
     * @throws NullPointerException if {@code budget} is null
     */
    public HedgingPolicy withBudget(Limiter budget) {
        return new HedgingPolicy(maxAttempts, delay, retryable, budget);
    }
}
