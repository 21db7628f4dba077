package io.github.chanflux.reactor;

import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * {@code takeUntilOther} hardened for Go's or-done, see {@link GoFlux#orDone}. {@code done} is
 * turned into a companion that emits one value on any first signal of {@code done}, error
 * included, so {@code takeUntilOther} always cancels the source; an error is remembered and
 * passed on after the source was cancelled (reactor-core #4230).
 */
final class OrDone {

    private OrDone() {}

    static <T> Flux<T> orDone(Flux<T> source, Publisher<?> done) {
        return Flux.defer(() -> {
            AtomicReference<Throwable> doneError = new AtomicReference<>();
            Mono<Boolean> fired = Flux.from(done).materialize().next().map(signal -> remember(signal, doneError));
            return source.takeUntilOther(fired).concatWith(Mono.defer(() -> {
                Throwable error = doneError.get();
                return error == null ? Mono.empty() : Mono.error(error);
            }));
        });
    }

    private static boolean remember(Signal<?> signal, AtomicReference<Throwable> doneError) {
        if (signal.isOnError()) {
            doneError.set(signal.getThrowable());
        }
        return true;
    }
}
