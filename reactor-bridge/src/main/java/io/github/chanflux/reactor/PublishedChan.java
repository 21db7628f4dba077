package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import io.github.chanflux.go.Go;
import io.github.chanflux.internal.ChanHooks;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * A {@link Publisher} consumed into a channel: {@link ChanFlux#toChan(Publisher, int)}.
 *
 * <p>Credit is the channel's free capacity: a pump goroutine requests as many values as the
 * channel will have free slots once every value already requested has arrived, so at most
 * {@code capacity} values are out of the publisher at any time and {@code onNext} never blocks
 * the publisher's thread. On a buffered channel, {@code onNext} sends the value on the channel
 * itself, on whatever thread the publisher calls it, which always has room for it; the pump
 * requests in batches of half the capacity, once that many of the values out have been
 * received ({@code ChanHooks.awaitReceived}). An unbuffered channel requests one value only
 * when a receiver is waiting for it ({@code ChanHooks.awaitSendReady}), and the value goes
 * through an inbox to the pump, which sends it; if that receiver gives up before the value
 * arrives (an interrupt, a select that took another case), the value waits in the pump for the
 * next receiver, so there is still at most one out. A source that ignores backpressure (e.g.
 * {@code Flux.interval}) overflows when receivers fall behind; its overflow error is told like
 * any other (put {@code onBackpressureBuffer} before it to buffer).
 *
 * <p>How the publisher ended is told after the values, as Go's {@code bufio.Scanner.Err}: when
 * the channel is closed and drained, {@link #err()} is null after {@code onComplete} and holds
 * the error after {@code onError}. {@link ChanFlux#toResultChan} instead sends the error on the
 * channel as a final {@code Result.Err}.
 *
 * @param <T> the element type
 */
public final class PublishedChan<T> {

    private final Chan<T> out;
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Inbox<T> inbox;
    /**
     * The pump goroutine, set by the pump itself before it first looks at {@code inbox.cancelled};
     * a cancel sets that flag before it reads this, so one of the two sees the other.
     */
    private volatile Thread pump;

    /** Starts the pump; {@link #subscriber()} still has to be subscribed to the publisher. */
    PublishedChan(int capacity, Function<Throwable, T> lastWord, Context ctx) {
        this.out = Chan.make(capacity);
        this.inbox = new Inbox<>(capacity > 0 ? out : null, this::stopPump);
        Stop unbind = Context.afterFunc(ctx, this::cancel);
        Go.go("published-chan", () -> {
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

    /** {@return the channel of the published values; closed after the last one} */
    public RecvChan<T> chan() {
        return out;
    }

    /**
     * The publisher's error after {@code onError}; null while values may still come and after
     * {@code onComplete}: Go's {@code Scanner.Err}, and the same shape as {@code Context.err()}
     * (a state query returns null for "no error").
     *
     * @return the error, or null
     */
    public Throwable err() {
        return error.get();
    }

    /**
     * Stops consuming: cancels the subscription and closes the channel after the values already
     * sent on it (a value the pump holds, or is blocked sending, is dropped). Never blocks: if a
     * {@code request} to the publisher is in progress, the thread making it cancels once it
     * returns, so the publisher never sees the two at once (§2.7). Idempotent.
     */
    public void cancel() {
        inbox.cancel();
    }

    /**
     * Wakes the pump from a wait for a receiver or for values to be received, after the inbox was
     * cancelled or, on a buffered channel, after the publisher ended; the pump needs no
     * interrupt when it runs this itself (it is then between two waits).
     */
    private void stopPump() {
        Thread p = pump;
        if (p != null && p != Thread.currentThread()) {
            p.interrupt();
        }
    }

    /** Requests what fits until the publisher ends or the inbox is cancelled, then tells the end. */
    private void pump(Function<Throwable, T> lastWord) throws InterruptedException {
        pump = Thread.currentThread();
        try (out) {
            if (out.cap() > 0) {
                pumpBuffered();
            } else {
                pumpUnbuffered();
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
     * For a buffered channel, whose values the publisher sends itself: requests in batches of at
     * least half the capacity (one request per value would cost the publisher a wake-up per
     * value). {@code requested - received} values are in the channel or still to come, so the
     * credit is {@code cap - requested + received}.
     */
    private void pumpBuffered() {
        long cap = out.cap();
        long batch = Math.max(1, cap / 2);
        long requested = 0;
        while (!inbox.cancelled && !inbox.ended()) {
            long credit = cap - requested + ChanHooks.received(out);
            if (credit >= batch) {
                requested += credit;
                inbox.request(credit, null);
                continue;
            }
            try {
                ChanHooks.awaitReceived(out, requested - cap + batch);
            } catch (InterruptedException woken) {
                // by the end of the publisher or a cancel: the loop's condition tells which
            }
        }
        Thread.interrupted(); // a wake-up that came while the pump was not waiting
    }

    /**
     * For an unbuffered channel: requests a value when a receiver waits, and moves the values
     * from the inbox to the channel. {@code outstanding} counts the values requested and not yet
     * sent on it.
     */
    private void pumpUnbuffered() throws InterruptedException {
        long outstanding = 0;
        while (!inbox.cancelled) {
            if (outstanding == 0) {
                ChanHooks.awaitSendReady(out);
                if (inbox.cancelled) {
                    break;
                }
                // With nothing outstanding, the inbox is empty, so values the publisher sends
                // during the request on this thread may go straight to the channel.
                outstanding = 1 - inbox.request(1, out);
                if (outstanding == 0) {
                    continue;
                }
            }
            Received<T> r = inbox.values.receive();
            if (!r.ok() || inbox.cancelled) {
                break;
            }
            out.send(r.value());
            outstanding--;
        }
    }

    /**
     * The Reactive Streams subscriber: puts each value into a channel with room for all the
     * values the pump may have requested (the buffered channel itself, or for an unbuffered one
     * the inbox); requests nothing itself. Calls on the subscription
     * ({@code request}, {@code cancel}) are made one at a time (§2.7), from whichever thread
     * finds none in progress: the pump, a cancelling thread, or the publisher's in
     * {@code onSubscribe}; a call that finds another in progress leaves its work to that thread.
     */
    static final class Inbox<T> implements Subscriber<T> {

        final Chan<T> values;
        volatile Throwable error;
        /** The subscription is cancelled (or there was none to cancel yet), the inbox closed: the pump stops. */
        volatile boolean cancelled;

        /**
         * The buffered channel {@code onNext} sends on, on whatever thread the publisher calls
         * it; null for an unbuffered channel, whose values go through {@link #values}.
         */
        private final Chan<T> target;
        /** Wakes the pump: after a cancel, and with a target, after the publisher ended. */
        private final Runnable wakePump;

        private volatile boolean cancelRequested;
        private final AtomicReference<Subscription> subscription = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Requested and not yet passed on to the subscription. */
        private final AtomicLong requested = new AtomicLong();
        /** Calls on the subscription asked for and not yet looked at; the one that finds 0 makes them. */
        private final AtomicInteger wip = new AtomicInteger();
        /** Whether {@code cancel} was called on the subscription; under {@code wip}. */
        private boolean cancelSent;
        /**
         * Where {@code onNext} sends on {@link #directThread} during {@link #request(long, Chan)};
         * null otherwise, and from the first value that goes through the inbox on (on whatever
         * thread), so that no value overtakes one in the inbox.
         */
        private volatile Chan<T> direct;
        /** The thread of the current {@link #request(long, Chan)}; only ever null or the pump. */
        private Thread directThread;
        /** The values sent to {@link #direct} during the current request; that thread's only. */
        private long sentDirect;

        /** {@code wakePump} runs on the thread that cancelled or ended, once for each. */
        Inbox(Chan<T> target, Runnable wakePump) {
            this.values = Chan.make(1);
            this.target = target;
            this.wakePump = wakePump;
        }

        @Override
        public void onSubscribe(Subscription s) {
            Objects.requireNonNull(s, "subscription");
            if (!subscription.compareAndSet(null, s)) {
                s.cancel();
                return;
            }
            callSubscription();
        }

        @Override
        public void onNext(T value) {
            Objects.requireNonNull(value, "value");
            if (cancelled) {
                return;
            }
            Chan<T> d = direct;
            if (d != null) {
                if (Thread.currentThread() == directThread && d.trySend(value)) {
                    sentDirect++;
                    return;
                }
                // This value goes through the inbox, so the rest must follow it there, whatever
                // thread they come on (a publisher may emit on the requesting thread or its own).
                direct = null;
            }
            boolean taken;
            try {
                taken = (target != null ? target : values).trySend(value);
            } catch (IllegalStateException closed) {
                if (cancelled) {
                    return; // a cancel closed the channel while this value was on its way
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
            if (end() && target != null) {
                wakePump.run();
            }
        }

        @Override
        public void onComplete() {
            if (end() && target != null) {
                wakePump.run();
            }
        }

        /** Whether the publisher ended or the inbox was cancelled. */
        boolean ended() {
            return ended.get();
        }

        /** Closes the inbox once, whoever ends first: the publisher or a cancel; true for that one. */
        private boolean end() {
            if (ended.compareAndSet(false, true)) {
                values.close();
                return true;
            }
            return false;
        }

        /**
         * Requests {@code n} more; before {@code onSubscribe}, keeps them for it. Values the
         * publisher sends on the calling thread while this call runs (a synchronous source, such
         * as {@code Flux.range}) go straight to {@code direct}, skipping the inbox, for as long
         * as it takes them without blocking; null sends them all to the inbox. The caller passes
         * a channel only when the inbox is empty, so the order holds.
         *
         * @return how many values went straight to {@code direct}
         */
        long request(long n, Chan<T> direct) {
            directThread = Thread.currentThread();
            sentDirect = 0;
            this.direct = direct; // before the demand is visible to any thread that may serve it
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            try {
                callSubscription();
            } finally {
                this.direct = null;
            }
            return sentDirect;
        }

        /**
         * Cancels the subscription (once it is there), then marks the inbox cancelled and closes
         * it, so the pump stops only once the publisher was told.
         */
        void cancel() {
            cancelRequested = true;
            callSubscription();
        }

        /** Makes the calls asked for on the subscription, unless another thread is making them. */
        private void callSubscription() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                Subscription s = subscription.get();
                if (cancelRequested) {
                    if (s != null && !cancelSent) {
                        cancelSent = true;
                        s.cancel();
                    }
                    if (!cancelled) {
                        cancelled = true;
                        end();
                        wakePump.run();
                    }
                } else if (s != null) {
                    long n = requested.getAndSet(0);
                    if (n > 0) {
                        s.request(n);
                    }
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
