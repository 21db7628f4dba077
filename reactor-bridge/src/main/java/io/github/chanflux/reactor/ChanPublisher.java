package io.github.chanflux.reactor;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * A receive-only channel as a Reactive Streams {@link Publisher}; see
 * {@link ChanFlux#fromChan(RecvChan)} for the contract.
 *
 * <p>Design: demand is a counter, and a work-in-progress counter elects one drainer: the request
 * that finds no drainer running starts a goroutine (a virtual thread, tracked by {@link Go})
 * that receives and emits while there is demand, without blocking while values are ready
 * ({@code tryReceive}), else blocking in a select on the channel and a private {@code stop}
 * channel; it ends when no request came in since it last looked, so there is at most one, and
 * none while the subscriber asks for nothing. Requests made inside {@code onSubscribe} are
 * served only after it returns (§1.3). Every signal comes from the drainer, so they are serial
 * (§1.3); a bad request (§3.9) is recorded and signalled by the drainer as its last signal.
 *
 * <p>Stopping: {@code receiving} settles the race between a receive and a cancel, so that once
 * {@code cancel} returns no receive completes. A receive starts only from {@code IDLE}. A cancel
 * that finds the drainer {@code RECEIVING} hands a token to its select on {@code stop}; that
 * claims the select, which then takes no value. If the select has not parked yet (it is polling
 * its channels, a few lock acquisitions), the cancel waits for it to park or to return; a value
 * that receive took, before the cancel returned, is still emitted (§2.8) rather than lost. The
 * drainer is never interrupted, so code running in {@code onNext} sees no spurious interrupt.
 */
final class ChanPublisher<T> implements Publisher<T> {

    private final RecvChan<T> chan;

    ChanPublisher(RecvChan<T> chan) {
        this.chan = Objects.requireNonNull(chan, "chan");
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        Drain<T> drain = new Drain<>(chan, subscriber);
        subscriber.onSubscribe(drain);
        drain.subscribed();
    }

    static final class Drain<T> implements Subscription {

        /** {@code receiving}: no receive under way; one may start. */
        private static final int IDLE = 0;
        /** {@code receiving}: the drainer is in a receive. */
        private static final int RECEIVING = 1;
        /** {@code receiving}: a cancel is stopping a receive under way. */
        private static final int STOPPING = 2;
        /** {@code receiving}: no receive may start any more. */
        private static final int STOPPED = 3;

        private final RecvChan<T> chan;
        private final Subscriber<? super T> subscriber;
        /** Receives the token of a cancel that found the drainer in a receive; never closed. */
        private final Chan<Boolean> stop = Chan.make();

        private final AtomicLong demand = new AtomicLong();
        /** Drain requests not yet seen by a drainer; 1 is held by {@code subscribe} until onSubscribe returns. */
        private final AtomicInteger wip = new AtomicInteger(1);

        private final AtomicInteger receiving = new AtomicInteger(IDLE);
        /** The §3.9 error of the first bad request, to be signalled by the drainer. */
        private final AtomicReference<Throwable> badRequest = new AtomicReference<>();

        private volatile boolean cancelled;
        /** A terminal signal was sent. Drainer only (drainers are ordered by {@code wip}). */
        private boolean done;

        Drain(RecvChan<T> chan, Subscriber<? super T> subscriber) {
            this.chan = chan;
            this.subscriber = subscriber;
        }

        /** onSubscribe has returned (§1.3): requests made during it may now be served. */
        void subscribed() {
            int missed = wip.decrementAndGet();
            if (missed != 0) {
                start(missed);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!cancelled
                        && badRequest.compareAndSet(
                                null, new IllegalArgumentException("§3.9: request must be positive, was " + n))) {
                    stopReceiving();
                    signal();
                }
                return;
            }
            demand.getAndUpdate(d -> Operators.addCap(d, n));
            signal();
        }

        /** Stops receiving: once this returns, no receive completes (see the class comment). */
        @Override
        public void cancel() {
            cancelled = true;
            stopReceiving();
        }

        private void stopReceiving() {
            int s = receiving.getAndUpdate(r -> r == RECEIVING ? STOPPING : r == IDLE ? STOPPED : r);
            if (s == RECEIVING || s == STOPPING) {
                awaitReceiveStopped();
            }
        }

        /** Stops the receive under way: claims its parked select, or waits until it has returned. */
        private void awaitReceiveStopped() {
            while (receiving.get() == STOPPING && !stop.trySend(Boolean.TRUE)) {
                Thread.onSpinWait();
            }
        }

        /** Asks for a drain: starts a drainer unless one is running, which then looks again. */
        private void signal() {
            if (wip.getAndIncrement() == 0) {
                start(1);
            }
        }

        private void start(int missed) {
            if (!cancelled) {
                Go.go("chan-publisher", () -> drain(missed));
            }
        }

        /** Emits while there is demand; ends when no request came in since it last looked. */
        private void drain(int missed) throws InterruptedException {
            while (true) {
                while (demand.get() > 0 && !done && emitOne()) {
                    // emitOne received and emitted one value, or completed
                }
                Throwable e = badRequest.get();
                if (e != null && !done && !cancelled) {
                    done = true;
                    subscriber.onError(e);
                }
                if (done || cancelled || e != null) {
                    return;
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /**
         * Receives one value (without blocking if one is ready) and emits it, or completes.
         * Returns false, having received nothing, if receiving was stopped.
         */
        private boolean emitOne() throws InterruptedException {
            Received<T> r = receive();
            if (r == null) {
                return false;
            }
            if (!r.ok()) {
                done = true;
                subscriber.onComplete();
                return true;
            }
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            subscriber.onNext(r.value());
            return true;
        }

        /** One receive, unless receiving was stopped (then null). See the class comment. */
        private Received<T> receive() throws InterruptedException {
            if (!receiving.compareAndSet(IDLE, RECEIVING)) {
                return null;
            }
            try {
                Received<T> r = chan.tryReceive();
                if (r == null) {
                    r = select(recv(chan, received -> received), recv(stop, token -> null));
                }
                return r;
            } finally {
                if (!receiving.compareAndSet(RECEIVING, IDLE)) {
                    receiving.set(STOPPED);
                }
            }
        }
    }
}
