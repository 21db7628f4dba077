package io.github.chanflux.context;

import java.util.concurrent.CancellationException;

/**
 * The error of a context canceled by its cancel function: Go's {@code context.Canceled}
 * ("Concurrency in Go" 4.12).
 *
 * <p>There is one instance, {@link Context#CANCELED}; like a Go sentinel error it carries no
 * stack trace, and {@code err == Context.CANCELED} and {@code err instanceof Canceled} both
 * test for it. It is a {@link CancellationException}, so Java code that handles cancellation
 * handles it too. Wrap it to add a stack trace; never add suppressed exceptions to it.
 */
public final class Canceled extends CancellationException {

    static final Canceled INSTANCE = new Canceled();

    private Canceled() {
        super("context canceled");
        initCause(null); // a shared instance: its cause can never be set
    }

    /** Keeps the shared instance stackless, as Go's sentinel errors are. */
    @Override
    public Throwable fillInStackTrace() {
        return this;
    }
}
