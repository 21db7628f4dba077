package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.IntFunction;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@link Replicas#first}: see there for the contract.
 *
 * <p>Design: one operator where {@code firstWithValue} needed each replica wrapped in
 * {@code defer}, {@code switchIfEmpty} and {@code doOnError}, and an {@code onErrorMap} around
 * it. Each replica's subscriber reports a value or a failure (an error, or completing empty) to
 * the race; the first value claims the race once ({@code ended}), cancels every other replica
 * and is emitted when requested ({@link Operators.MonoSubscriber#complete}); each failure
 * records its cause and counts down {@code running}, and the last one, if nothing claimed the
 * race, fails it with every cause; a cancel ends the race too. Replicas are subscribed in order;
 * once the race has ended (a replica won, or the subscriber cancelled), the rest are not asked.
 */
final class MonoFirstReplica<T> extends Mono<T> {

    private final int n;
    private final IntFunction<? extends Mono<? extends T>> replica;

    MonoFirstReplica(int n, IntFunction<? extends Mono<? extends T>> replica) {
        this.n = n;
        this.replica = replica;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Race<T> race = new Race<>(actual, n);
        actual.onSubscribe(race);
        for (int id = 0; id < n && !race.isEnded(); id++) {
            Mono<? extends T> m;
            try {
                m = replica.apply(id);
                if (m == null) {
                    throw new NullPointerException("replica #" + id + " is null");
                }
            } catch (Throwable e) {
                Exceptions.throwIfFatal(e);
                race.failed(id, Operators.onOperatorError(e, actual.currentContext()));
                continue;
            }
            m.subscribe(race.replicas[id]);
        }
    }

    /** The downstream's subscription: the race between the replicas. */
    private static final class Race<T> extends Operators.MonoSubscriber<T, T> {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Race> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(Race.class, "ended");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Race> RUNNING =
                AtomicIntegerFieldUpdater.newUpdater(Race.class, "running");

        final Replica<T>[] replicas;
        /** Each replica's failure, written before it counts down {@code running}. */
        private final Throwable[] causes;

        private volatile int ended;
        private volatile int running;

        @SuppressWarnings("unchecked")
        Race(CoreSubscriber<? super T> actual, int n) {
            super(actual);
            replicas = new Replica[n];
            for (int id = 0; id < n; id++) {
                replicas[id] = new Replica<>(this, id);
            }
            causes = new Throwable[n];
            running = n;
        }

        boolean isEnded() {
            return ended == 1;
        }

        void won(int id, T value) {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                Operators.onDiscard(value, actual.currentContext());
                return;
            }
            cancelReplicas(id);
            complete(value);
        }

        void failed(int id, Throwable cause) {
            causes[id] = cause;
            if (RUNNING.decrementAndGet(this) == 0 && ENDED.compareAndSet(this, 0, 1)) {
                actual.onError(new AllFailedException(Arrays.asList(causes)));
            }
        }

        /** Ends the race, so that no later value or failure is signalled and no replica is asked. */
        @Override
        public void cancel() {
            ENDED.set(this, 1);
            super.cancel();
            cancelReplicas(-1);
        }

        private void cancelReplicas(int except) {
            for (Replica<T> r : replicas) {
                if (r.id != except) {
                    r.cancel();
                }
            }
        }
    }

    /** One replica's subscriber. */
    private static final class Replica<T> implements CoreSubscriber<T> {

        @SuppressWarnings("rawtypes")
        private static final AtomicReferenceFieldUpdater<Replica, Subscription> UPSTREAM =
                AtomicReferenceFieldUpdater.newUpdater(Replica.class, Subscription.class, "upstream");

        private final Race<T> race;
        final int id;
        private volatile Subscription upstream;
        /** Written and read only by the replica's own signals, which are serialized. */
        private boolean gotValue;

        Replica(Race<T> race, int id) {
            this.race = race;
            this.id = id;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.setOnce(UPSTREAM, this, s)) {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(T value) {
            gotValue = true;
            finished();
            race.won(id, value);
        }

        @Override
        public void onError(Throwable e) {
            finished();
            race.failed(id, e);
        }

        @Override
        public void onComplete() {
            if (!gotValue) {
                finished();
                race.failed(id, new NoSuchElementException("replica #" + id + " completed empty"));
            }
        }

        /** A finished replica is not cancelled when another wins. */
        private void finished() {
            upstream = Operators.cancelledSubscription();
        }

        void cancel() {
            Operators.terminate(UPSTREAM, this);
        }

        @Override
        public Context currentContext() {
            return race.currentContext();
        }
    }
}
