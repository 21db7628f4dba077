package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.IntFunction;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@link Replicas#first}: see there for the contract.
 *
 * <p>Design: one operator where {@code firstWithValue} needed each replica wrapped in
 * {@code defer}, {@code switchIfEmpty} and {@code doOnError}, and an {@code onErrorMap} around
 * it. Each replica's {@link Contender} reports a value or a failure (an error, or completing
 * empty) to the race; the first value claims the race once ({@code ended}), cancels every other replica
 * and is emitted when requested ({@link Operators.MonoSubscriber#complete}); each failure
 * records its cause and counts down {@code running}, and the last one, if nothing claimed the
 * race, fails it with every cause; a cancel ends the race too. Replicas are subscribed in order;
 * once the race has ended (a replica won, or the subscriber cancelled), the rest are not asked.
 */
final class MonoFirstReplica<T> extends Mono<T> {

    private final int n;
    private final IntFunction<? extends Mono<? extends T>> replica;

    private MonoFirstReplica(int n, IntFunction<? extends Mono<? extends T>> replica) {
        this.n = n;
        this.replica = replica;
    }

    /** The operator, through Reactor's assembly hooks as its own operators are. */
    static <T> Mono<T> of(int n, IntFunction<? extends Mono<? extends T>> replica) {
        return onAssembly(new MonoFirstReplica<>(n, replica));
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Race<T> race = new Race<>(actual, n);
        actual.onSubscribe(race);
        for (int id = 0; id < n && !race.isEnded(); id++) {
            race.replicas[id].enter(replica);
        }
    }

    /** The downstream's subscription: the race between the replicas. */
    private static final class Race<T> extends Operators.MonoSubscriber<T, T> implements Contender.Contest<T> {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Race> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(Race.class, "ended");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Race> RUNNING =
                AtomicIntegerFieldUpdater.newUpdater(Race.class, "running");

        final Contender<T>[] replicas;
        /** Each replica's failure, written before it counts down {@code running}. */
        private final Throwable[] causes;

        private volatile int ended;
        private volatile int running;

        @SuppressWarnings("unchecked")
        Race(CoreSubscriber<? super T> actual, int n) {
            super(actual);
            replicas = new Contender[n];
            for (int id = 0; id < n; id++) {
                replicas[id] = new Contender<>(this, id, "replica #");
            }
            causes = new Throwable[n];
            running = n;
        }

        boolean isEnded() {
            return ended == 1;
        }

        @Override
        public void won(int id, T value) {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                Operators.onDiscard(value, actual.currentContext());
                return;
            }
            cancelReplicas(id);
            complete(value);
        }

        @Override
        public void failed(int id, Throwable cause) {
            causes[id] = cause;
            if (RUNNING.decrementAndGet(this) == 0 && ENDED.compareAndSet(this, 0, 1)) {
                actual.onError(new AllFailedException(Arrays.asList(causes)));
            }
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        /** Ends the race, so that no later value or failure is signalled and no replica is asked. */
        @Override
        public void cancel() {
            ENDED.set(this, 1);
            super.cancel();
            cancelReplicas(-1);
        }

        private void cancelReplicas(int except) {
            for (Contender<T> r : replicas) {
                if (r.id != except) {
                    r.cancel();
                }
            }
        }
    }
}
