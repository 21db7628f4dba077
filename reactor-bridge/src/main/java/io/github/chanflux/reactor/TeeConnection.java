package io.github.chanflux.reactor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * {@code publish(prefetch).autoConnect(2)} made safe, see {@link GoFlux#tee}: it keeps the
 * connection that {@code autoConnect} hands out and disposes it (cancelling the source) once
 * both branches have cancelled, which {@code autoConnect} alone never does; and it lets each
 * branch be subscribed once, failing a second subscriber at once instead of letting it hang
 * after the source terminated (reactor-core #2897).
 */
final class TeeConnection<T> implements Consumer<Disposable> {

    private static final int BRANCHES = 2;

    private final AtomicReference<Disposable> connection = new AtomicReference<>();
    private final AtomicInteger cancelled = new AtomicInteger();
    private final Flux<T> shared;

    TeeConnection(Flux<T> source, int prefetch) {
        this.shared = source.publish(prefetch).autoConnect(BRANCHES, this);
    }

    FluxTee<T> branches() {
        return new FluxTee<>(branch("out1"), branch("out2"));
    }

    /** Called by {@code autoConnect} once both branches subscribed. */
    @Override
    public void accept(Disposable connected) {
        connection.set(connected);
        if (cancelled.get() == BRANCHES) {
            connected.dispose();
        }
    }

    private Flux<T> branch(String name) {
        AtomicBoolean subscribed = new AtomicBoolean();
        return Flux.defer(() -> subscribed.compareAndSet(false, true)
                ? shared.doOnCancel(this::branchCancelled)
                : Flux.error(new IllegalStateException("tee branch " + name
                        + " was already subscribed; each branch has one subscriber, as a Go channel has one reader")));
    }

    private void branchCancelled() {
        if (cancelled.incrementAndGet() == BRANCHES) {
            Disposable connected = connection.get();
            if (connected != null) {
                connected.dispose();
            }
        }
    }
}
