package io.github.chanflux.rate;

import io.github.chanflux.context.Context;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Several limits at once, e.g. 2 per second and 10 per minute: the book's {@code MultiLimiter}
 * ("Concurrency in Go" 5.5). The limiters are sorted from the most restrictive; {@link #await}
 * waits on each in turn, and {@link #limit()} is the most restrictive limit. Multi-limiters nest,
 * so an API can combine its own limits with a resource's ({@code MultiLimiter.of(apiLimit,
 * diskLimit)}).
 */
public final class MultiLimiter implements RateLimiter {

    private final List<RateLimiter> limiters;

    private MultiLimiter(List<RateLimiter> limiters) {
        this.limiters = limiters;
    }

    /**
     * Combines {@code limiters}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static MultiLimiter of(RateLimiter... limiters) {
        Objects.requireNonNull(limiters, "limiters");
        if (limiters.length == 0) {
            throw new IllegalArgumentException("MultiLimiter needs at least one limiter");
        }
        RateLimiter[] sorted = limiters.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(l -> Objects.requireNonNull(l, "limiter").limit().perSecond()));
        return new MultiLimiter(List.of(sorted));
    }

    /** Waits on every limiter, most restrictive first; stops at the first error and returns it. */
    @Override
    public Exception await(Context ctx) throws InterruptedException {
        for (RateLimiter limiter : limiters) {
            Exception err = limiter.await(ctx);
            if (err != null) {
                return err;
            }
        }
        return null;
    }

    @Override
    public Limit limit() {
        return limiters.get(0).limit();
    }
}
