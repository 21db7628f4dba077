package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A {@link Publisher} consumed into a channel: {@link ChanFlux#toChan(Publisher, int)}.
 *
 * <p>Credit is the channel's free capacity. A pump goroutine requests as many values as the
 * channel has free slots, counting the values already requested and not yet sent on it; so
 * at most {@code capacity} values are out of the publisher at any time, and {@code onNext} never
 * blocks the publisher's thread: it puts the value into an inbox that always has room for what
 * was requested. An unbuffered channel requests one value only when a receiver is waiting for
 * it ({@link Chan#awaitSendReady()}); if that receiver gives up before the value arrives (an
 * interrupt, a select that took another case), the value waits in the pump for the next
 * receiver, so there is still at most one out. A source that ignores backpressure (e.g. {@code
 * Flux.interval}) overflows when receivers fall behind; its overflow error is told like any
 * other (put {@code onBackpressureBuffer} before it to buffer).
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

    /** Starts the pump; {@link #subscriber()} still has to be subscribed to the publisher. */
    PublishedChan(int capacity, Function<Throwable, T> lastWord, Context ctx) {
        this.out = Chan.make(capacity);
        this.inbox = new Inbox<>(Math.max(1, capacity));
        Stop unbind = Context.afterFunc(ctx, this::cancel);
        this.pump = Go.go("published-chan", () -> {
            try {
                pump(lastWord);
            } finally {
                unbind.stop();
            }
        });
    }

    /** Subscribes this channel's subscriber to {@code source}; returns this. */
    PublishedChan<T> subscribeTo(Publisher<? extends T> source) {
        source.subscribe(inbox);
        return this;
    }

    /** The Reactive Streams subscriber behind the channel (for the TCK). */
    Subscriber<T> subscriber() {
        return inbox;
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

    /**
     * Requests what fits, moves the values from the inbox to the channel, and tells the end.
     * {@code outstanding} counts the values requested and not yet sent on the channel; since
     * only the pump sends on it, {@code len + outstanding <= cap} holds, so a send on a
     * buffered channel never blocks.
     */
    private void pump(Function<Throwable, T> lastWord) throws InterruptedException {
        try (out) {
            long outstanding = 0;
            // Requests in batches of at least half the capacity while values are still coming:
            // one request per value would cost the publisher a wake-up per value.
            long batch = Math.max(1, out.cap() / 2);
            while (true) {
                if (outstanding == 0) {
                    out.awaitSendReady();
                }
                long credit = out.cap() == 0 ? 1 - outstanding : out.cap() - out.len() - outstanding;
                if (credit > 0 && (credit >= batch || outstanding == 0) && !inbox.cancelled) {
                    outstanding += credit;
                    inbox.request(credit);
                }
                Received<T> r = inbox.values.receive();
                if (!r.ok() || inbox.cancelled) {
                    break;
                }
                out.send(r.value());
                outstanding--;
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

    /**
     * The Reactive Streams subscriber: puts each value into a channel with room for all the
     * values the pump may have requested; requests nothing itself.
     */
    static final class Inbox<T> implements Subscriber<T> {

        final Chan<T> values;
        volatile Throwable error;
        volatile boolean cancelled;
        private final AtomicReference<Subscription> subscription = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Requests made by the pump before {@code onSubscribe}, passed on there; then -1. */
        private final AtomicLong early = new AtomicLong();

        Inbox(int room) {
            this.values = Chan.make(room);
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "subscription");
            if (!subscription.compareAndSet(null, s)) {
                s.cancel();
                return;
            }
            if (cancelled) {
                s.cancel();
                return;
            }
            long n = early.getAndSet(-1);
            if (n > 0) {
                s.request(n);
            }
        }

        @Override
        public void onNext(T value) {
            Objects.requireNonNull(value, "value");
            if (cancelled) {
                return;
            }
            boolean taken;
            try {
                taken = values.trySend(value);
            } catch (IllegalStateException closed) {
                if (cancelled) {
                    return; // a cancel closed the inbox while this value was on its way
                }
                throw new IllegalStateException("onNext after the publisher ended (§1.7)", closed);
            }
            if (!taken) {
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

        /** Requests {@code n} more; before {@code onSubscribe}, keeps them for it. */
        void request(long n) {
            for (long e = early.get(); e >= 0; e = early.get()) {
                if (early.compareAndSet(e, e + n)) {
                    return;
                }
            }
            subscription.get().request(n);
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
