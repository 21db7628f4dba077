package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.errors.Result;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * {@link GoFlux#goStage}: a pipeline stage on its own goroutine; see there for the contract.
 *
 * <p>Design: the book's stage, literally. Upstream is consumed into an unbuffered channel
 * ({@link ChanFlux#toChan(org.reactivestreams.Publisher, int, Context)}, whose pump requests one
 * value only when the stage's goroutine waits to receive), the goroutine runs the book's loop
 * (receive, apply, send), and its unbuffered output is read back with
 * {@link ChanFlux#fromChan}, which receives only on downstream demand. So value {@code k + 1}
 * is requested from upstream when value {@code k} has been taken downstream, and the stage
 * before works on it while this one works on {@code k}: Go's overlap. Failures travel through
 * the output channel as {@link Result}s, {@code fn}'s and then upstream's (read from
 * {@link PublishedChan#err()} once the input is drained), and become {@code onError}. One
 * {@link CancelableContext} owns it all: cancelling it cancels the upstream subscription,
 * closes the goroutine's {@code done} and interrupts it; it is cancelled whenever the flux ends.
 */
final class GoStage {

    private GoStage() {}

    static <T, R> Flux<R> goStage(Flux<T> source, Result.Step<? super T, ? extends R> fn) {
        return Flux.deferContextual(view -> {
            CancelableContext ctx = Context.withCancel(Context.background());
            PublishedChan<T> in = ChanFlux.toChan(source.contextWrite(view), 0, ctx);
            Chan<Result<R>> out = Chan.make();
            Context.go("go-stage", ctx, c -> loop(c.done(), in, out, fn));
            return ChanFlux.fromChan(out)
                    .<R>handle((result, sink) -> {
                        switch (result) {
                            case Result.Ok<R> ok -> sink.next(ok.value());
                            case Result.Err<R> err -> sink.error(err.error());
                        }
                    })
                    .doFinally(signal -> ctx.cancel());
        });
    }

    /**
     * The book's stage loop: {@code for v := range in { select { case <-done: return; case out <-
     * fn(v): } }}; then upstream's error, if any. Stops after the first failure.
     */
    private static <T, R> void loop(
            RecvChan<?> done, PublishedChan<T> in, Chan<Result<R>> out, Result.Step<? super T, ? extends R> fn)
            throws InterruptedException {
        try (out) {
            RecvChan<T> values = in.chan();
            for (Received<T> r = values.receive(done); r.ok(); r = values.receive(done)) {
                Result<R> result = apply(fn, r.value());
                if (!out.send(result, done) || result.isError()) {
                    return;
                }
            }
            Throwable error = in.err();
            if (error != null) {
                out.send(Result.error(error), done);
            }
        }
    }

    /**
     * {@code fn(value)} as a {@link Result}. An {@code Error} it throws (a failed assertion) is a
     * failure too, which {@link Result#of} lets through: on the goroutine it would end the loop,
     * and the closed output would read as a normal end of the flux.
     */
    private static <T, R> Result<R> apply(Result.Step<? super T, ? extends R> fn, T value) {
        try {
            return Result.of(() -> Objects.requireNonNull(fn.apply(value), "goStage value"));
        } catch (Error e) {
            return Result.error(e);
        }
    }
}
