package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link Publisher} consumed into a channel: {@link ChanFlux#toChan(Publisher, int)}.
 *
 * <p>The subscriber never blocks the publisher's thread: {@code onNext} hands the value to a
 * one-slot inbox that always has room, because only one value is requested at a time. A pump
 * goroutine sends it on the channel (blocking while the channel is full, or, unbuffered, until
 * a receiver takes it) and then requests the next one. So at most {@code capacity + 1} values
 * are out of the publisher at any time: the channel's buffer and the one the pump holds. A source
 * that ignores backpressure (e.g. {@code Flux.interval}) overflows when receivers fall behind;
 * its overflow error is told like any other (put {@code onBackpressureBuffer} before it to buffer).
 *
 * <p>How the publisher ended is told after the values, as Go's {@code bufio.Scanner.Err}: when
 * the channel is closed and drained, {@link #err()} is empty after {@code onComplete} and holds
 * the error after {@code onError}. {@link ChanFlux#toResultChan} instead sends the error on the
 * channel as a final {@code Result.Err}.
 *
 * @param <T> the element type
 */
public final class PublishedChan<T> {

    private final Chan<T> out;
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Inbox<T> inbox;
    /** The pump goroutine; null until started (a context already done may cancel before). */
    private volatile Thread pump;

    PublishedChan(Publisher<? extends T> source, int capacity, Function<Throwable, T> lastWord, Context ctx) {
        this.out = Chan.make(capacity);
        this.inbox = new Inbox<>();
        Stop unbind = Context.afterFunc(ctx, this::cancel);
        this.pump = Go.go("published-chan", () -> {
            try {
                pump(lastWord);
            } finally {
                unbind.stop();
            }
        });
        source.subscribe(inbox);
    }

    /** The channel of the published values; closed after the last one. */
    public RecvChan<T> chan() {
        return out;
    }

    /** Empty while values may still come or after {@code onComplete}; the error after {@code onError}. */
    public Optional<Throwable> err() {
        return Optional.ofNullable(error.get());
    }

    /**
     * Stops consuming: cancels the subscription and closes the channel after the values already
     * sent on it (a value the pump holds, or is blocked sending, is dropped).
     */
    public void cancel() {
        inbox.cancel();
        Thread p = pump;
        if (p != null) {
            p.interrupt();
        }
    }

    private void pump(Function<Throwable, T> lastWord) throws InterruptedException {
        try (out) {
            for (T value : inbox.values) {
                if (inbox.cancelled) {
                    return;
                }
                out.send(value);
                inbox.requestNext();
            }
            Throwable e = inbox.error;
            if (e != null && !inbox.cancelled) {
                error.set(e);
                T last = lastWord.apply(e);
                if (last != null) {
                    out.send(last);
                }
            }
        }
    }

    /** The Reactive Streams subscriber: one value requested at a time, put in a one-slot inbox. */
    private static final class Inbox<T> implements Subscriber<T> {

        final Chan<T> values = Chan.make(1);
        volatile Throwable error;
        volatile boolean cancelled;
        private final AtomicReference<Subscription> subscription = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "subscription");
            if (!subscription.compareAndSet(null, s)) {
                s.cancel();
                return;
            }
            if (cancelled) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(T value) {
            Objects.requireNonNull(value, "value");
            if (cancelled) {
                return;
            }
            if (!values.trySend(value)) {
                throw new IllegalStateException("publisher sent more than requested (§1.1)");
            }
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "error");
            error = t;
            end();
        }

        @Override
        public void onComplete() {
            end();
        }

        /** Closes the inbox once, whoever ends first: the publisher or a cancel. */
        private void end() {
            if (ended.compareAndSet(false, true)) {
                values.close();
            }
        }

        void requestNext() {
            subscription.get().request(1);
        }

        /**
         * Cancels the subscription, then marks the inbox cancelled (so the pump stops only once
         * the publisher was told); if there was no subscription yet, looks again after marking,
         * since {@code onSubscribe} may have missed the mark. Then closes the inbox.
         */
        void cancel() {
            Subscription s = subscription.get();
            if (s != null) {
                s.cancel();
            }
            cancelled = true;
            if (s == null && (s = subscription.get()) != null) {
                s.cancel();
            }
            end();
        }
    }
}
