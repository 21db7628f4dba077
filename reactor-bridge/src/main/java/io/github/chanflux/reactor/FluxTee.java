package io.github.chanflux.reactor;

import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * The two branches of {@link GoFlux#tee}: Go's {@code out1, out2 := tee(done, in)}, as Fluxes
 * (named apart from the channel form {@code io.github.chanflux.pattern.Tee}, so both import). Each branch
 * may be subscribed once, as a Go channel returned by {@code tee} has one reader; the source is
 * subscribed when both branches are.
 *
 * @param out1 the first branch
 * @param out2 the second branch
 * @param <T> the element type
 */
public record FluxTee<T>(Flux<T> out1, Flux<T> out2) {

    /** Checks that both branches are present. */
    public FluxTee {
        Objects.requireNonNull(out1, "out1");
        Objects.requireNonNull(out2, "out2");
    }
}
