package io.github.chanflux.chan;

import java.util.Objects;

/**
 * The send side of a channel: Go's {@code chan<- T}.
 *
 * <p>Closing belongs to the sender (in Go only the owner closes), so this view has
 * {@link #close()} and is {@link AutoCloseable}: {@code try (out) { ... }} is Go's
 * {@code defer close(out)}. A {@link Chan} is assignable to {@code SendChan} without a cast.
 *
 * @param <T> the element type; elements are never null
 */
public sealed interface SendChan<T> extends AutoCloseable permits Chan {

    /**
     * Sends a value: Go's {@code ch <- v}. On an unbuffered channel blocks until a receiver takes
     * it; on a buffered one until there is room. A nil channel blocks forever.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if the channel is closed, or is closed while this send waits
     *     (Go panics: "send on closed channel"); the value was not delivered
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     */
    void send(T value) throws InterruptedException;

    /**
     * Sends unless {@code done} closes first: Go's
     * {@code select { case <-done: …; case ch <- v: … }}, the step of every stage that must stop
     * when its pipeline is torn down (4.3). When both are ready, one is chosen at random, as in
     * Go. Unlike {@code select(recv(done, …), send(this, …))}, it allocates nothing unless it
     * blocks, and then only its two wait nodes.
     *
     * @return true if the value was sent, false if {@code done} closed first (it was not sent)
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if this channel is closed (Go panics)
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     */
    default boolean send(T value, RecvChan<?> done) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        return Select.orDone((Chan<?>) Objects.requireNonNull(done, "done"), (Chan<?>) this, value) != Select.DONE;
    }

    /**
     * Sends without blocking: Go's {@code select} with one send case and a {@code default}.
     *
     * @return true if a waiting receiver took the value or it was buffered; false if the send
     *     would block (full, no receiver waiting, or nil)
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if the channel is closed
     */
    boolean trySend(T value);

    /**
     * Closes the channel: Go's {@code close(ch)}. Values already buffered are still delivered;
     * after them every receive returns {@code ok == false} at once. Every blocked receiver wakes
     * with {@code ok == false}; every blocked sender wakes with {@link IllegalStateException}.
     *
     * @throws IllegalStateException if the channel is already closed ("close of closed channel")
     *     or is nil ("close of nil channel")
     */
    @Override
    void close();

    /** The number of values buffered and not yet received: Go's {@code len(ch)}. */
    int len();

    /** The buffer capacity: Go's {@code cap(ch)}; 0 for unbuffered and nil channels. */
    int cap();
}
