package io.github.chanflux.reactor;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.errors.Result;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Bridges between Go channels and Reactor: the way to mix goroutine-style code (virtual
 * threads, channels) with Reactor pipelines without losing backpressure or cancellation. Every
 * method rejects a null argument at the call with {@link NullPointerException}.
 */
public final class ChanFlux {

    /**
     * The largest channel capacity {@link #toChan} accepts: the largest array a JVM allocates
     * (the channel's buffer is one). The memory for the buffer is taken when the channel is made.
     */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private ChanFlux() {}

    /**
     * A {@code Flux} of the values received from {@code chan}: Go's {@code for v := range ch}
     * as a publisher.
     *
     * <p>Receives only as fast as the subscriber requests (no buffering at all: each value is
     * received for a unit of demand already there), draining ready values in a batch without
     * blocking when demand allows. Completes when the channel is closed and drained, and only
     * once there is demand: a closed empty channel completes a subscriber when it requests,
     * not before (the end is found by a receive, made for a unit of demand). Cancelling
     * stops receiving at once: once {@code cancel} returns, no receive of the flux completes, so
     * every value not yet received stays in the channel for its other receivers; the thread
     * running {@code onNext} is never interrupted. A request of zero or less (§3.9) stops
     * receiving the same way and fails the flux with {@link IllegalArgumentException}, after an
     * {@code onNext} in progress and unless the flux has already ended. The channel is never
     * closed by the flux (in Go, receivers never close). Values already in the channel are
     * emitted on the thread that requests them, which never waits (as {@code Flux.fromIterable}
     * emits on the requesting thread); waiting for a value happens on a virtual thread, never on
     * the subscriber's thread, so it is safe on Reactor's non-blocking schedulers, and what
     * arrives while it waits is emitted from that virtual thread. Put {@code publishOn} after
     * the flux to choose the thread that runs what follows. Each subscriber
     * receives from the same channel, so two subscribers share its values, as two Go receivers
     * would.
     *
     * @param chan the channel to receive from; never closed by the flux
     * @param <T> the element type
     * @return a flux that receives from {@code chan} for each of its subscribers
     */
    public static <T> Flux<T> fromChan(RecvChan<T> chan) {
        return Flux.from(new ChanPublisher<>(chan));
    }

    /**
     * Subscribes to {@code source} and sends its values on a channel of {@code capacity}
     * (0: unbuffered), closed after the last value; see {@link PublishedChan} for the credit
     * rule and for how an error is told ({@link PublishedChan#err()} once the channel is drained).
     * If {@code source.subscribe} throws, the exception is rethrown and nothing is left running.
     * On an unbuffered channel the close is seen by a receiver that waits (a {@code receive}, a
     * {@code select} without default), not by a {@code tryReceive} poller: the pump waits
     * for a receiver before it looks for the next value or the end, even of an empty source.
     *
     * @param source the publisher to consume, subscribed before this method returns
     * @param capacity the channel's capacity, 0 for unbuffered; its buffer is allocated at the call
     * @param <T> the element type
     * @return the channel with the publisher's values, its error once drained, and a cancel
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link #MAX_CAPACITY}
     */
    public static <T> PublishedChan<T> toChan(Publisher<? extends T> source, int capacity) {
        Objects.requireNonNull(source, "source");
        requireCapacity(capacity);
        return toChan(source, capacity, Context.background());
    }

    /**
     * {@link #toChan(Publisher, int)} bound to {@code ctx}: when the context is done, the
     * subscription is cancelled and the channel closed after the values already sent on it
     * ({@link PublishedChan#err()} stays null: the context's end is the caller's to read). A
     * context already done closes the channel before this method returns, and the publisher is
     * cancelled without a request.
     *
     * @param source the publisher to consume, subscribed before this method returns
     * @param capacity the channel's capacity, 0 for unbuffered; its buffer is allocated at the call
     * @param ctx the context whose end cancels the subscription and closes the channel
     * @param <T> the element type
     * @return the channel with the publisher's values, its error once drained, and a cancel
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link #MAX_CAPACITY}
     */
    public static <T> PublishedChan<T> toChan(Publisher<? extends T> source, int capacity, Context ctx) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(ctx, "ctx");
        requireCapacity(capacity);
        return new PublishedChan<T>(capacity, e -> null, ctx).subscribeTo(source);
    }

    /**
     * Like {@link #toChan(Publisher, int)}, but every value arrives as {@code Result.ok(v)} and an
     * error as a final {@code Result.error(e)} before the channel closes: the book's way of
     * sending errors on the normal path (4.5).
     *
     * @param source the publisher to consume, subscribed before this method returns
     * @param capacity the channel's capacity, 0 for unbuffered; its buffer is allocated at the call
     * @param <T> the element type of {@code source}
     * @return the channel of results, the last of them the error if {@code source} failed
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link #MAX_CAPACITY}
     */
    public static <T> PublishedChan<Result<T>> toResultChan(Publisher<? extends T> source, int capacity) {
        Objects.requireNonNull(source, "source");
        requireCapacity(capacity);
        return new PublishedChan<Result<T>>(capacity, Result::error, Context.background())
                .subscribeTo(Flux.from(source).map(Result::<T>ok));
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be between 0 and " + MAX_CAPACITY + ", got " + capacity);
        }
    }
}
