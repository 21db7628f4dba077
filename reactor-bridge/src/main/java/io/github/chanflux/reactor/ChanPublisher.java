package io.github.chanflux.reactor;

import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A receive-only channel as a Reactive Streams {@link Publisher}; see
 * {@link ChanFlux#fromChan(RecvChan)} for the contract.
 *
 * <p>Design: demand is a counter. The request that raises it from zero starts a goroutine (a
 * virtual thread, tracked by {@link Go}) that receives and emits until the demand it saw is
 * met, first without blocking ({@code tryReceive}, a batch), then with a blocking
 * {@code receive}; it subtracts what it emitted and ends when the demand is zero, so there is at
 * most one such goroutine, and none while the subscriber asks for nothing. Cancel interrupts it;
 * an interrupted receive takes no value from the channel.
 */
final class ChanPublisher<T> implements Publisher<T> {

    private final RecvChan<T> chan;

    ChanPublisher(RecvChan<T> chan) {
        this.chan = Objects.requireNonNull(chan, "chan");
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(new Drain<>(chan, subscriber));
    }

    private static final class Drain<T> implements Subscription {

        private final RecvChan<T> chan;
        private final Subscriber<? super T> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicReference<Thread> drainer = new AtomicReference<>();
        private volatile boolean cancelled;
        private boolean done;

        Drain(RecvChan<T> chan, Subscriber<? super T> subscriber) {
            this.chan = chan;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                subscriber.onError(new IllegalArgumentException("§3.9: request must be positive, was " + n));
                return;
            }
            long before = demand.getAndUpdate(d -> d + n < 0 ? Long.MAX_VALUE : d + n);
            if (before == 0 && !cancelled) {
                Thread t = Go.go("chan-publisher", this::drain);
                drainer.set(t);
                if (cancelled) {
                    t.interrupt();
                }
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

        /** Emits up to the demand, repeatedly, until the demand is zero or the stream ends. */
        private void drain() throws InterruptedException {
            long wanted = demand.get();
            while (!cancelled && !done) {
                long emitted = 0;
                while (emitted < wanted && !cancelled && !done) {
                    emitted += emitOne();
                }
                if (wanted == Long.MAX_VALUE) {
                    continue;
                }
                wanted = demand.addAndGet(-emitted);
                if (wanted == 0) {
                    return;
                }
            }
        }

        /** Receives one value (without blocking if one is ready) and emits it; 0 at the end. */
        private int emitOne() throws InterruptedException {
            Received<T> r = chan.tryReceive();
            if (r == null) {
                r = chan.receive();
            }
            if (!r.ok()) {
                done = true;
                subscriber.onComplete();
                return 0;
            }
            subscriber.onNext(r.value());
            return 1;
        }
    }
}
