package io.github.chanflux.context;

/**
 * What {@link Context#afterFunc(Context, Runnable)} returns: Go's {@code stop func() bool}
 * (Go 1.21, after the book).
 */
@FunctionalInterface
public interface Stop {

    /**
     * Stops the association of the context with the function. Returns true if this call
     * prevented the function from being started; false if it had already been started (by the
     * context being done) or stopped. Does not wait for a started function to finish.
     */
    boolean stop();
}
