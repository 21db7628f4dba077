package io.github.chanflux.chan;

/**
 * An {@link InterruptedException} raised where a checked exception cannot be thrown, such as
 * {@link RecvChan#iterator()}. The thread's interrupt status is set again before it is thrown.
 */
public final class UncheckedInterruptedException extends RuntimeException {

    /** Wraps {@code cause}. */
    public UncheckedInterruptedException(InterruptedException cause) {
        super(cause);
    }

    @Override
    public synchronized InterruptedException getCause() {
        return (InterruptedException) super.getCause();
    }
}
