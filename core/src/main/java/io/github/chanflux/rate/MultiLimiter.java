package io.github.chanflux.rate;

import io.github.chanflux.context.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

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
        Arrays.sort(
                sorted,
                Comparator.comparingDouble(
                        l -> Objects.requireNonNull(l, "limiter").limit().perSecond()));
        return new MultiLimiter(List.of(sorted));
    }

    /**
     * Waits on every limiter, most restrictive first; stops at the first error and throws it.
     * On an error or an interrupt, the reservations the earlier limiters granted are cancelled,
     * latest first, with Go's {@code Reservation.Cancel}: each limiter takes back what it can
     * without letting later reservations act earlier. Go's {@code Cancel} restores nothing once
     * the reservation's time to act has passed in its limiter's time, so the tokens come back
     * when the later limiter fails at the instant the earlier ones granted them (its burst is too
     * small, the wait would outlast the deadline, the context is done), which on a real clock
     * means within the clock's resolution; after time has passed they stay spent, as the book's
     * {@code MultiLimiter} leaves them. A {@link RateLimiter} other than {@link Limiter} and
     * {@code MultiLimiter} has only {@code await}, so what it took is not given back.
     *
     * @throws TimeoutException as {@link Limiter#awaitN(Context, int)} does
     * @throws InterruptedException if interrupted while waiting
     */
    @Override
    public void await(Context ctx) throws InterruptedException, TimeoutException {
        List<Reservation> granted = new ArrayList<>();
        boolean mayAct = false;
        try {
            await(ctx, granted);
            mayAct = true;
        } finally {
            if (!mayAct) {
                granted.reversed().forEach(Reservation::cancel);
            }
        }
    }

    /** Waits on every limiter, adding the reservations granted to {@code granted}. */
    private void await(Context ctx, List<Reservation> granted) throws InterruptedException, TimeoutException {
        for (RateLimiter limiter : limiters) {
            switch (limiter) {
                case Limiter l -> l.awaitN(ctx, 1, granted::add);
                case MultiLimiter m -> m.await(ctx, granted);
                default -> limiter.await(ctx);
            }
        }
    }

    @Override
    public Limit limit() {
        return limiters.get(0).limit();
    }
}
