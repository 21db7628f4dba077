package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.IntFunction;
import reactor.core.publisher.Mono;

/**
 * Replicated requests as a {@code Mono} ("Concurrency in Go" 5.4; the channel form is
 * {@code io.github.chanflux.pattern.Replicas}): subscribe to {@code n} replicas at once, emit the
 * first value, cancel the rest.
 *
 * <pre>{@code
 * Mono<String> answer = Replicas.first(3, id -> client(id).get(request));
 * }</pre>
 */
public final class Replicas {

    private Replicas() {}

    /**
     * Subscribes to {@code replica.apply(0)} … {@code replica.apply(n - 1)} at once and emits the
     * first value, cancelling every other replica then: {@code Mono.firstWithValue} (a replica
     * that answers while it is being subscribed wins at once, and the rest are not asked). A replica
     * that fails, or completes empty (a {@link NoSuchElementException}), leaves the others
     * running. When every replica has failed, the {@code Mono} fails with an
     * {@link AllFailedException} whose message names each replica's cause, where plain
     * {@code firstWithValue} fails with a {@code NoSuchElementException} naming none
     * (reactor-core #2173). Cancelling the {@code Mono} cancels every replica. Each subscription
     * calls {@code replica} afresh; an exception it throws, or a null it returns, is that
     * replica's failure.
     *
     * @param n how many replicas, at least 1
     * @param replica the request to replica {@code id}
     * @param <T> the value's type
     * @return the first value of the replicas
     * @throws IllegalArgumentException if {@code n} is less than 1
     * @throws NullPointerException if {@code replica} is null
     */
    public static <T> Mono<T> first(int n, IntFunction<? extends Mono<? extends T>> replica) {
        if (n < 1) {
            throw new IllegalArgumentException("replicas: n must be at least 1, got " + n);
        }
        Objects.requireNonNull(replica, "replica");
        return MonoFirstReplica.of(n, replica);
    }
}
