package io.github.chanflux.context;

/**
 * A context with its cancel function: what Go's {@code WithCancel}, {@code WithDeadline} and
 * {@code WithTimeout} return as the pair {@code (ctx, cancel)} ("Concurrency in Go" 4.12).
 *
 * <p>{@link #close()} is {@link #cancel()}, so try-with-resources is Go's
 * {@code defer cancel()}. Call it as soon as the work the context governs is finished: that
 * releases the context's timer and its link to the parent, which otherwise live until the
 * parent is canceled.
 */
public interface CancelableContext extends Context, AutoCloseable {

    /**
     * Go's {@code CancelFunc}: cancels this context and all its descendants with
     * {@link Context#CANCELED}, stops its timer and unlinks it from its parent. Does not wait
     * for the work to stop. Later calls do nothing.
     */
    void cancel();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
