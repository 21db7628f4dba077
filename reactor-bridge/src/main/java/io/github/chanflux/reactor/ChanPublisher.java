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
 * that finds no drainer running drains on its own thread, emitting the values already in the
 * channel ({@code tryReceive}) while there is demand, as Reactor's own sources do; it never
 * waits there. When demand is left and no value is ready, it starts a goroutine (a virtual
 * thread, tracked by {@link Go}) that goes on from there, blocking in a select on the channel
 * and a private {@code stop} channel. A drainer ends when no request came in since it last
 * looked, so there is at most one, and no goroutine while the subscriber asks for nothing or
 * values are ready. Requests made inside {@code onSubscribe} are served only after it returns
 * (§1.3), and a request made inside {@code onNext} only counts (no recursion, §3.3). The
 * drainers emit every signal, one at a time (§1.3); a bad request (§3.9) is recorded and
 * signalled by the drainer as its last signal.
 *
 * <p>Why not always a goroutine (decision 0012): a goroutine started per request put a thread
 * hand-off on every batch, and in Chan → Flux → Chan a third thread on two carriers between
 * producer and consumer.
 *
 * <p>Stopping: {@code receiving} settles the race between a receive and a cancel, so that once
 * {@code cancel} returns no receive completes. A receive starts only from {@code IDLE}. A cancel
 * that finds the drainer {@code RECEIVING} hands a token to its select on {@code stop}; that
 * claims the select, which then takes no value. If the select has not parked yet (it is polling
 * its channels, a few lock acquisitions), the cancel waits for it to park or to return; a value
 * that receive took, before the cancel returned, is still emitted (§2.8) rather than lost. The
 * drainer is never interrupted, so code running in {@code onNext} sees no spurious interrupt.
 *
 * <p>Interrupts (Java only): the goroutine is the publisher's own thread, and the subscriber
 * stops it with {@code cancel}, not an interrupt; so an interrupt flag that code in
 * {@code onNext} leaves set on it is cleared once {@code onNext} returns, as a thread pool
 * clears a task's interrupt before the next task, instead of failing the goroutine's next wait
 * and leaving the flux without a drainer for good. An interrupt that reaches the goroutine
 * while it waits (from some other thread; nothing here interrupts it) fails the flux with the
 * {@link InterruptedException}; the values not received stay in the channel.
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

        /** {@code emitOne}: a value was emitted, or the flux completed. */
        private static final int EMITTED = 0;
        /** {@code emitOne}: receiving was stopped; nothing was received. */
        private static final int STOPPED_RECEIVING = 1;
        /** {@code emitOne}: no value was ready, and the thread may not wait for one. */
        private static final int NOTHING_READY = 2;

        private final RecvChan<T> chan;
        private final Subscriber<? super T> subscriber;
        /** Receives the token of a cancel that found the drainer in a receive; never closed. */
        private final Chan<Boolean> stop = Chan.make();

        private final AtomicLong demand = new AtomicLong();
        /** Drain requests not yet seen by a drainer; 1 is held by {@code subscribe} until onSubscribe returns. */
        private final AtomicInteger wip = new AtomicInteger(1);

        private final AtomicInteger receiving = new AtomicInteger(IDLE);
        /**
         * The error to be signalled by the drainer as its last signal: the §3.9 error of the
         * first bad request, or the interrupt of the waiting goroutine.
         */
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

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
                drainReady(missed);
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (!cancelled
                        && failure.compareAndSet(
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

        /**
         * Asks for a drain: drains on this thread unless a drainer runs, which then looks again.
         */
        private void signal() {
            if (wip.getAndIncrement() == 0) {
                drainReady(1);
            }
        }

        /**
         * Drains on the calling thread, which never waits: a wait for a value goes to a
         * goroutine.
         */
        private void drainReady(int missed) {
            drain(missed, false);
        }

        /**
         * Emits while there is demand; ends when no request came in since it last looked. If
         * {@code mayWait} is false and demand is left but no value is ready, starts a goroutine
         * that goes on from here, waiting for one.
         */
        private void drain(int missed, boolean mayWait) {
            while (true) {
                while (demand.get() > 0 && !done) {
                    int outcome = emitOne(mayWait);
                    if (outcome == STOPPED_RECEIVING) {
                        break;
                    }
                    if (outcome == NOTHING_READY) {
                        if (!cancelled) {
                            int drainRequests = missed;
                            Go.go("chan-publisher", () -> drain(drainRequests, true));
                        }
                        return;
                    }
                }
                Throwable e = failure.get();
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
         * Receives one value and emits it, or completes ({@code EMITTED});
         * {@code STOPPED_RECEIVING}, having received nothing, if receiving was stopped or the
         * wait interrupted (then recorded as the failure);
         * {@code NOTHING_READY} if no value is ready and {@code mayWait} is false.
         */
        private int emitOne(boolean mayWait) {
            if (!receiving.compareAndSet(IDLE, RECEIVING)) {
                return STOPPED_RECEIVING;
            }
            Received<T> r;
            try {
                r = chan.tryReceive();
                if (r == null && mayWait) {
                    r = select(recv(chan, received -> received), recv(stop, token -> null));
                }
            } catch (InterruptedException interrupted) {
                failure.compareAndSet(null, interrupted);
                r = null;
            } finally {
                if (!receiving.compareAndSet(RECEIVING, IDLE)) {
                    receiving.set(STOPPED);
                }
            }
            if (r == null) {
                // the channel was empty (and this thread may not wait), or a cancel claimed
                // the select
                return mayWait ? STOPPED_RECEIVING : NOTHING_READY;
            }
            if (!r.ok()) {
                done = true;
                subscriber.onComplete();
                return EMITTED;
            }
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            subscriber.onNext(r.value());
            if (mayWait) {
                Thread.interrupted(); // on the goroutine: an interrupt left by onNext is for no one here
            }
            return EMITTED;
        }
    }
}
