package io.github.chanflux.reactor;

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

/**
 * A receive-only channel as a Reactive Streams {@link Publisher}; see
 * {@link ChanFlux#fromChan(RecvChan)} for the contract.
 *
 * <p>Design: demand is a counter, and a work-in-progress counter elects one drainer: the request
 * that finds no drainer running starts a goroutine (a virtual thread, tracked by {@link Go})
 * that receives and emits while there is demand, without blocking while values are ready
 * ({@code tryReceive}), else with a blocking {@code receive}; it ends when no request came in
 * since it last looked, so there is at most one, and none while the subscriber asks for
 * nothing. Requests made inside {@code onSubscribe} are served only after it returns (§1.3).
 * Cancel interrupts the drainer; an interrupted receive takes no value from the channel.
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

    private static final class Drain<T> implements Subscription {

        private final RecvChan<T> chan;
        private final Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        /** Drain requests not yet seen by a drainer; 1 is held by {@code subscribe} until onSubscribe returns. */
        private final AtomicInteger wip = new AtomicInteger(1);
        private final AtomicReference<Thread> drainer = new AtomicReference<>();
        private volatile boolean cancelled;
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
                cancel();
                subscriber.onError(new IllegalArgumentException("§3.9: request must be positive, was " + n));
                return;
            }
            demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            if (wip.getAndIncrement() == 0) {
                start(1);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Thread t = drainer.get();
            if (t != null) {
                t.interrupt();
            }
        }

        private void start(int missed) {
            if (cancelled) {
                return;
            }
            Thread t = Go.go("chan-publisher", () -> drain(missed));
            drainer.set(t);
            if (cancelled) {
                t.interrupt();
            }
        }

        /** Emits while there is demand; ends when no request came in since it last looked. */
        private void drain(int missed) throws InterruptedException {
            while (true) {
                while (demand.get() > 0 && !cancelled && !done) {
                    emitOne();
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0 || cancelled || done) {
                    return;
                }
            }
        }

        /** Receives one value (without blocking if one is ready) and emits it, or completes. */
        private void emitOne() throws InterruptedException {
            Received<T> r = chan.tryReceive();
            if (r == null) {
                r = chan.receive();
            }
            if (!r.ok()) {
                done = true;
                subscriber.onComplete();
                return;
            }
            if (demand.get() != Long.MAX_VALUE) {
                demand.decrementAndGet();
            }
            subscriber.onNext(r.value());
        }
    }
}
