package io.github.chanflux.context;

/**
 * A context canceled with a cause: what Go's {@code WithCancelCause} returns as
 * {@code (ctx, cancel CancelCauseFunc)}; Go 1.20, after the book.
 *
 * <p>{@link #cancel(Throwable)} records why; {@link Context#cause(Context)} reads it back from
 * this context or any descendant, while {@link Context#err()} still says {@link Context#CANCELED}.
 */
public interface CancelCauseContext extends CancelableContext {

    /**
     * Go's {@code CancelCauseFunc}: cancels like {@link #cancel()} and records {@code cause}
     * (null records {@link Context#CANCELED}). Only the first cancellation counts, whether it
     * came from here or from a parent.
     */
    void cancel(Throwable cause);

    /** Same as {@code cancel(null)}. */
    @Override
    default void cancel() {
        cancel(null);
    }
}
