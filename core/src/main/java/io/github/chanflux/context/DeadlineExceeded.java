package io.github.chanflux.context;

import java.util.concurrent.TimeoutException;

/**
 * The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded}
 * ("Concurrency in Go" 4.12).
 *
 * <p>There is one instance, {@link Context#DEADLINE_EXCEEDED}, stackless like a Go sentinel
 * error. Go's value reports {@code Timeout() == true}; the Java way to read as a timeout is to
 * be one, so this is a {@link TimeoutException} and is handled wherever timeouts are (Reactor's
 * {@code timeout}, retry policies, {@code Future.get}).
 */
public final class DeadlineExceeded extends TimeoutException {

    static final DeadlineExceeded INSTANCE = new DeadlineExceeded();

    private DeadlineExceeded() {
        super("context deadline exceeded");
        initCause(null); // a shared instance: its cause can never be set
    }

    /** Go's {@code Timeout()}: always true. */
    public boolean timeout() {
        return true;
    }

    /** Keeps the shared instance stackless, as Go's sentinel errors are. */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
