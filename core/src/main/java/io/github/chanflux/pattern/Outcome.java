package io.github.chanflux.pattern;

import io.github.chanflux.context.Context;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * How attempt {@code id} of a replicated or hedged request ended: with {@code value}, or with
 * {@code error} (then {@code value} is null).
 */
record Outcome<T>(int id, T value, Throwable error) {

    /**
     * Runs {@code work} as attempt {@code id}; a null answer is a failure, as a null element is.
     * Whatever it throws, an {@code Error} included, comes back as the outcome, so the caller
     * that waits for every attempt's outcome never waits in vain; the caller rethrows an
     * {@code Error} ({@link #rethrowError}).
     */
    static <T> Outcome<T> of(int id, Callable<T> work) {
        try {
            T value = work.call();
            return value != null
                    ? new Outcome<>(id, value, null)
                    : new Outcome<>(id, null, new NullPointerException("attempt #" + id + " answered null"));
        } catch (Throwable e) {
            return new Outcome<>(id, null, e);
        }
    }

    /**
     * Throws this outcome's error if it is an {@code Error} (a failed assertion, an
     * {@code OutOfMemoryError}): not a failure another attempt could make up for, so it ends the
     * request, as it would have ended the attempt's thread.
     */
    void rethrowError() {
        if (error instanceof Error e) {
            throw e;
        }
    }

    /**
     * The error to throw when {@code ctx} is done before an answer, as {@code Limiter.await}
     * throws it: {@code DeadlineExceeded} (a {@code TimeoutException}) or any other
     * {@code TimeoutException} as it is, an unchecked error ({@code Canceled}) thrown from here,
     * any other cause wrapped in a {@link CancellationException}.
     */
    static TimeoutException contextError(Context ctx) {
        Throwable cause = Context.cause(ctx);
        if (cause instanceof TimeoutException timeout) {
            return timeout;
        }
        if (cause instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        throw (CancellationException) new CancellationException(String.valueOf(cause)).initCause(cause);
    }
}
