package io.github.chanflux.rate;

import io.github.chanflux.context.Context;
import java.util.concurrent.TimeoutException;

/**
 * What the book's {@code MultiLimiter} composes: something to wait on, and its limit
 * ("Concurrency in Go" 5.5: {@code type RateLimiter interface { Wait(ctx) error; Limit() rate.Limit }}).
 * {@link Limiter} and {@link MultiLimiter} are both.
 */
public interface RateLimiter {

    /**
     * Blocks until one event may happen, or throws what Go's {@code Wait} returns as its error:
     * see {@link Limiter#awaitN(Context, int)}.
     *
     * @throws TimeoutException if the context's deadline passed, or would pass before the event
     * @throws InterruptedException if interrupted while waiting
     */
    void await(Context ctx) throws InterruptedException, TimeoutException;

    /** The rate this limiter allows in the long run. */
    Limit limit();
}
