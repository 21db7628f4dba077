package io.github.chanflux.rate;

import io.github.chanflux.context.Context;

/**
 * What the book's {@code MultiLimiter} composes: something to wait on, and its limit
 * ("Concurrency in Go" 5.5: {@code type RateLimiter interface { Wait(ctx) error; Limit() rate.Limit }}).
 * {@link Limiter} and {@link MultiLimiter} are both.
 */
public interface RateLimiter {

    /**
     * Blocks until one event may happen; returns null then, or the error (as Go's {@code Wait}):
     * see {@link Limiter#awaitN(Context, int)}.
     */
    Exception await(Context ctx) throws InterruptedException;

    /** The rate this limiter allows in the long run. */
    Limit limit();
}
