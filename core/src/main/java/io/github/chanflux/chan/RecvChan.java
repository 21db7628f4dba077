package io.github.chanflux.chan;

import java.util.Iterator;
import java.util.Objects;

/**
 * The receive side of a channel: Go's {@code <-chan T}.
 *
 * <p>A function that owns a channel creates it as a {@link Chan}, writes to it, closes it, and
 * hands out only this view, so the compiler stops consumers from sending or closing (the
 * ownership rule of "Concurrency in Go", 3.x "Channels"). A {@link Chan} is assignable to
 * {@code RecvChan} without a cast, as a Go {@code chan T} is to {@code <-chan T}.
 *
 * <p>Iterating over a channel is Go's {@code for v := range ch}: {@link Iterator#hasNext()}
 * blocks until a value arrives, and returns {@code false} once the channel is closed and
 * drained. Because an {@code Iterator} cannot throw {@link InterruptedException}, an interrupt
 * while it blocks is rethrown as {@link UncheckedInterruptedException}, with the thread's
 * interrupt status set again.
 *
 * @param <T> the element type; elements are never null
 */
public sealed interface RecvChan<T> extends Iterable<T> permits Chan {

    /**
     * Receives a value: Go's {@code v, ok := <-ch}. Blocks until a value is available or the
     * channel is closed; on a closed and drained channel returns at once with {@code ok == false}.
     * A nil channel blocks forever.
     *
     * @return the value with {@code ok == true}, or {@link Received#closed()}
     * @throws InterruptedException if interrupted while waiting; then no value was taken
     */
    Received<T> receive() throws InterruptedException;

    /**
     * Receives unless {@code done} closes first: Go's
     * {@code select { case <-done: …; case v, ok := <-ch: … }}, the step of every stage that
     * must stop when its pipeline is torn down (4.3). When both are ready, one is chosen at
     * random, as in Go. Unlike {@code select(recv(done, …), recv(this, …))}, it allocates only
     * the {@link Received}, and its two wait nodes when it blocks.
     *
     * @return the value with {@code ok == true}; {@link Received#closed()} if this channel is
     *     closed and drained or {@code done} closed first
     * @throws InterruptedException if interrupted while waiting; then no value was taken
     */
    default Received<T> receive(RecvChan<?> done) throws InterruptedException {
        Object outcome = Select.orDone((Chan<?>) Objects.requireNonNull(done, "done"), (Chan<?>) this, null);
        return outcome == Select.DONE ? Received.closed() : Chan.received(outcome);
    }

    /**
     * Receives without blocking: Go's {@code select} with one receive case and a {@code default}.
     *
     * @return the value with {@code ok == true}; {@link Received#closed()} if the channel is
     *     closed and drained; {@code null} if no value is ready (open and empty, or nil)
     */
    Received<T> tryReceive();

    /** The number of values buffered and not yet received: Go's {@code len(ch)}. */
    int len();

    /** The buffer capacity: Go's {@code cap(ch)}; 0 for unbuffered and nil channels. */
    int cap();

    /**
     * Go's {@code range ch}: the values until the channel is closed and drained. Each step
     * receives as {@link #receive()} does, without making a {@link Received}. If interrupted
     * while waiting, {@code hasNext} and {@code next} throw {@link UncheckedInterruptedException}
     * with the interrupt status set again; no value was taken.
     */
    @Override
    Iterator<T> iterator();
}
