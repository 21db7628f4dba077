package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Stop;
import io.github.chanflux.go.Go;
import io.github.chanflux.internal.ChanHooks;
import java.util.Arrays;
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
 * <p>Credit is the channel's free capacity, at most {@value #MAX_AHEAD} values at a time. A
 * pump goroutine requests as many values as the channel has free slots, counting the values
 * already requested and not yet sent on it; so at most {@code capacity} values are out of the
 * publisher at any time, and {@code onNext} never blocks the publisher's thread: it puts the
 * value into an inbox that always has room for what was requested. The values a synchronous
 * publisher (such as {@code Flux.range}) sends on the pump's own thread while the pump requests
 * skip the inbox: they are sent on the channel together when the request returns, taking the
 * channel lock once rather than once each (decision 0013). An unbuffered channel requests one
 * value only when a receiver is waiting for it ({@code ChanHooks.awaitSendReady}); if that
 * receiver gives up before the value arrives (an interrupt, a select that took another case),
 * the value waits in the pump for the next receiver, so there is still at most one out. A
 * source that ignores backpressure (e.g. {@code Flux.interval}) overflows when receivers fall
 * behind; its overflow error is told like any other (put {@code onBackpressureBuffer} before it
 * to buffer).
 *
 * <p>How the publisher ended is told after the values, as Go's {@code bufio.Scanner.Err}: when
 * the channel is closed and drained, {@link #err()} is null after {@code onComplete} and holds
 * the error after {@code onError}. {@link ChanFlux#toResultChan} instead sends the error on the
 * channel as a final {@code Result.Err}. An interrupt of the pump that no {@link #cancel()}
 * caused (Java only: code of a synchronous publisher runs on the pump's thread and may set its
 * interrupt flag) does not pass for the end: the publisher is cancelled, the values not yet
 * sent are dropped, and the {@link InterruptedException} is the error.
 *
 * @param <T> the element type
 */
public final class PublishedChan<T> {

    /** The most values requested and not yet sent on the channel, whatever its capacity: the inbox's room. */
    static final int MAX_AHEAD = 256;

    private final Chan<T> out;
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final Inbox<T> inbox;
    /**
     * The pump goroutine, set by the pump itself before it first looks at {@code inbox.cancelled};
     * a cancel sets that flag before it reads this, so one of the two sees the other.
     */
    private volatile Thread pump;

    /**
     * Starts the pump; {@link #subscriber()} still has to be subscribed to the publisher. If
     * {@code ctx} is done already, starts nothing: the inbox is cancelled (the publisher is
     * cancelled in {@code onSubscribe}, before any request) and the channel closed at once.
     */
    PublishedChan(int capacity, Function<Throwable, T> lastWord, Context ctx) {
        this.out = Chan.make(capacity);
        this.inbox = new Inbox<>(Math.min(Math.max(1, capacity), MAX_AHEAD), this::stopPump);
        if (ctx.err() != null) {
            inbox.cancel();
            out.close();
            return;
        }
        Stop unbind = Context.afterFunc(ctx, this::cancel);
        Go.go("published-chan", () -> {
            try {
                pump(lastWord);
            } finally {
                unbind.stop();
            }
        });
    }

    /**
     * Subscribes this channel's subscriber to {@code source}; returns this. If
     * {@code subscribe} throws, cancels (so the pump ends) and rethrows.
     */
    PublishedChan<T> subscribeTo(Publisher<? extends T> source) {
        try {
            source.subscribe(inbox);
        } catch (Throwable e) {
            cancel();
            throw e;
        }
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
     * How the publisher ended, for a receiver to read once a receive reports the channel closed,
     * as Go's {@code Scanner.Err} after {@code Scan} returns false: the error of
     * {@code onError}, or an {@link InterruptedException} if the pump was interrupted by
     * something other than {@link #cancel()}; null after {@code onComplete} or a cancel. The
     * same shape as {@code Context.err()} (a state query returns null for "no error"). It is
     * set before the channel is closed, so it may be set while values sent before the error
     * are still in the channel; before the error it is null.
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
     * Wakes the pump from a wait for a receiver or for room, after the inbox was cancelled; the
     * pump needs no interrupt when it runs this itself (it is then between two waits).
     */
    private void stopPump() {
        Thread p = pump;
        if (p != null && p != Thread.currentThread()) {
            p.interrupt();
        }
    }

    /** Moves the values to the channel ({@link #move()}), then tells the end and closes it. */
    private void pump(Function<Throwable, T> lastWord) throws InterruptedException {
        pump = Thread.currentThread();
        try (out) {
            Throwable e;
            try {
                move();
                e = inbox.error;
            } catch (InterruptedException interrupt) {
                if (inbox.cancelled) {
                    return; // a cancel's wake-up
                }
                // No cancel caused it: code on this thread (a synchronous publisher) or another
                // thread set the interrupt. The channel must not look as if the publisher had
                // ended, so the publisher is cancelled and the interrupt is the error.
                inbox.abort(interrupt);
                e = interrupt;
            }
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
     * Requests what fits and moves the values from the inbox to the channel, until the inbox is
     * closed or cancelled. {@code outstanding} counts the values requested and not yet sent on
     * the channel; since only the pump sends on it, {@code len + outstanding <= cap} holds, so a
     * send on a buffered channel never blocks.
     */
    private void move() throws InterruptedException {
        long outstanding = 0;
        long room = inbox.values.cap();
        // Requests in batches of at least half the credit while values are still coming:
        // one request per value would cost the publisher a wake-up per value.
        long batch = Math.max(1, Math.min(out.cap(), room) / 2);
        while (!inbox.cancelled) {
            if (outstanding == 0) {
                ChanHooks.awaitSendReady(out);
            }
            // The channel's free room is read (under its lock) only when a request may be due.
            if (outstanding == 0 || room - outstanding >= batch) {
                long free = out.cap() == 0 ? 1 : out.cap() - out.len();
                long credit = Math.min(free, room) - outstanding;
                if (credit > 0 && (credit >= batch || outstanding == 0) && !inbox.cancelled) {
                    // With nothing outstanding, the inbox is empty, so values the publisher
                    // sends during the request on this thread may skip it: they are batched
                    // and sent on the channel together once the request returns.
                    boolean skipInbox = outstanding == 0;
                    outstanding += credit;
                    if (inbox.request(credit, skipInbox) > 0) {
                        if (inbox.cancelled) {
                            // The cancel was made by this thread at the end of its request
                            // (another thread's request was in progress), so no interrupt
                            // comes: drop the batch here, as a cancel drops what the pump
                            // holds, rather than wait to send it.
                            inbox.dropBatch();
                            break;
                        }
                        outstanding -= inbox.sendBatch(out);
                    }
                    if (outstanding == 0) {
                        continue;
                    }
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
     * values the pump may have requested; requests nothing itself. Calls on the subscription
     * ({@code request}, {@code cancel}) are made one at a time (§2.7), from whichever thread
     * finds none in progress: the pump, a cancelling thread, or the publisher's in
     * {@code onSubscribe}; a call that finds another in progress leaves its work to that thread.
     */
    static final class Inbox<T> implements Subscriber<T> {

        final Chan<T> values;
        volatile Throwable error;
        /** The subscription is cancelled (or there was none to cancel yet), the inbox closed: the pump stops. */
        volatile boolean cancelled;

        private final Runnable onCancelled;
        private volatile boolean cancelRequested;
        /** {@link #abort} asked to cancel the subscription; the inbox is closed with an error, not cancelled. */
        private volatile boolean aborted;

        private final AtomicReference<Subscription> subscription = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        /** Requested and not yet passed on to the subscription. */
        private final AtomicLong requested = new AtomicLong();
        /** Calls on the subscription asked for and not yet looked at; the one that finds 0 makes them. */
        private final AtomicInteger wip = new AtomicInteger();
        /** Whether {@code cancel} was called on the subscription; under {@code wip}. */
        private boolean cancelSent;
        /**
         * Whether {@code onNext} puts the values it gets on {@link #batchThread} into
         * {@link #batch} during {@link #request(long, boolean)}; false otherwise, and from the
         * first value that goes through the inbox on (on whatever thread), so that no value
         * overtakes one in the inbox.
         */
        private volatile boolean batching;
        /**
         * The thread of the current {@link #request(long, boolean)}; only ever null or the pump.
         */
        private Thread batchThread;
        /**
         * The values the publisher sent on the requesting thread during the current request, to
         * be sent on the channel together ({@link #sendBatch}); that thread's only. As large as
         * the inbox, the most that can be requested.
         */
        private final Object[] batch;
        /** How many of {@link #batch} hold values. */
        private int batched;
        /**
         * The most values the current request may batch: what it asked for. A publisher that
         * sends more (§1.1) sends the rest to the inbox, which then fails it.
         */
        private int batchLimit;

        /** {@code onCancelled} runs once, after the cancel, on the thread that made it. */
        Inbox(int room, Runnable onCancelled) {
            this.values = Chan.make(room);
            this.batch = new Object[room];
            this.onCancelled = onCancelled;
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
            if (cancelled || aborted) {
                return;
            }
            if (batching) {
                if (Thread.currentThread() == batchThread && batched < batchLimit) {
                    batch[batched++] = value;
                    return;
                }
                // This value goes through the inbox, so the rest must follow it there, whatever
                // thread they come on (a publisher may emit on the requesting thread or its own).
                batching = false;
            }
            boolean taken;
            try {
                taken = values.trySend(value);
            } catch (IllegalStateException closed) {
                if (cancelled || aborted) {
                    return; // a cancel or abort closed the inbox while this value was on its way
                }
                throw new IllegalStateException("onNext after the publisher ended (§1.7)", closed);
            }
            if (!taken) {
                // §2.13: the subscriber does not throw but treats the subscription as cancelled.
                abort(new IllegalStateException("publisher sent more than requested (§1.1): no room for " + value));
            }
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "error");
            end(t);
        }

        @Override
        public void onComplete() {
            end(null);
        }

        /**
         * Closes the inbox once, with {@code e} as the error (or none), whoever ends first: the
         * publisher, a cancel or an abort.
         */
        private void end(Throwable e) {
            if (ended.compareAndSet(false, true)) {
                error = e;
                values.close();
            }
        }

        /**
         * Ends the inbox with {@code e}, as if the publisher had failed, and cancels the
         * subscription: for a publisher that broke the rules (§2.13) or a stray interrupt of
         * the pump. The values already in the inbox are still received, then the error. Unlike
         * {@link #cancel()}, this does not stop the pump, which tells the error; a later
         * cancel still does.
         */
        void abort(Throwable e) {
            aborted = true;
            end(e);
            callSubscription();
        }

        /**
         * Requests {@code n} more; before {@code onSubscribe}, keeps them for it. If
         * {@code skipInbox}, the values the publisher sends on the calling thread while this
         * call runs (a synchronous source, such as {@code Flux.range}) are batched instead of
         * going through the inbox, and {@link #sendBatch} then sends them on the channel with
         * one lock, not one each. The caller skips the inbox only when it is empty, so the
         * order holds.
         *
         * @return how many values were batched
         */
        int request(long n, boolean skipInbox) {
            batchThread = Thread.currentThread();
            batchLimit = (int) Math.min(n, batch.length);
            batching = skipInbox; // before the demand is visible to any thread that may serve it
            requested.getAndUpdate(r -> Operators.addCap(r, n));
            try {
                callSubscription();
            } finally {
                batching = false;
            }
            return batched;
        }

        /**
         * Sends the values batched by the last {@link #request(long, boolean)} on {@code out},
         * in order: those that fit at once with one lock, the rest (on an unbuffered channel
         * whose receiver gave up) one by one, blocking. Returns how many it sent.
         */
        @SuppressWarnings("unchecked")
        int sendBatch(Chan<T> out) throws InterruptedException {
            int n = batched;
            try {
                for (int i = ChanHooks.trySendAll(out, batch, 0, n); i < n; i++) {
                    out.send((T) batch[i]);
                }
            } finally {
                dropBatch();
            }
            return n;
        }

        /** Forgets the batched values (after a cancel: they are dropped, never sent). */
        void dropBatch() {
            Arrays.fill(batch, 0, batched, null);
            batched = 0;
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
                if (cancelRequested || aborted) {
                    if (s != null && !cancelSent) {
                        cancelSent = true;
                        s.cancel();
                    }
                    if (cancelRequested && !cancelled) {
                        cancelled = true;
                        end(null);
                        onCancelled.run();
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
