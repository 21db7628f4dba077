package io.github.chanflux.reactor;

import io.github.chanflux.errors.BoundaryError;
import io.github.chanflux.errors.ErrorReport;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;

/**
 * Module boundaries in a Reactor pipeline ("Concurrency in Go" 5.1): the same
 * {@link BoundaryError} rule as the channel and call forms, applied to the error signal. Each
 * stage that is a module boundary wraps the errors of the type the stage below declared, in its
 * own type and with new context; any other error is a bug and passes unchanged, so at the end of
 * the pipeline an {@link ErrorReport} tells the known edge case from the bug exactly as it does
 * for an error thrown up a call stack or carried on a channel as a {@code Result}:
 * <pre>{@code
 * Flux<Path> job = lowLevel.isGloballyExec(path)
 *         .transform(atBoundary(LowLevelErr.class, e -> new IntermediateErr("cannot run job", e)));
 * job.onErrorResume(e -> { log(ErrorReport.of(e, IntermediateErr.class)); return Flux.empty(); });
 * }</pre>
 */
public final class Boundaries {

    private Boundaries() {}

    /**
     * An operator for {@code flux.transform(…)} that wraps an error of the type the stage below
     * declared as it crosses this boundary: Go's
     * {@code if _, ok := err.(lowlevel.Error); ok { err = WrapErr(err, …) }}
     * ({@link BoundaryError#atBoundary(Throwable, Class, Function)}).
     *
     * <p>Values, completion, requests and cancellation pass through untouched; it requests
     * nothing of its own. An {@code onError} whose error is a {@code declared} becomes an
     * {@code onError} with {@code wrapper}'s error, whose cause is the original; any other error
     * passes unchanged. The wrapper runs on the thread that signals the error, so the new error's
     * stack trace is that thread's, and the original's trace stays in its cause. If
     * {@code wrapper} throws or returns null, that error is signalled, with the original
     * suppressed (Reactor's {@code onErrorMap}).
     *
     * @param declared the error type the stage below declared
     * @param wrapper makes this stage's error from the one below
     * @param <T> the element type
     * @param <E> the declared type
     * @return the operator
     * @throws NullPointerException if {@code declared} or {@code wrapper} is null
     */
    public static <T, E extends Throwable> Function<Flux<T>, Flux<T>> atBoundary(
            Class<E> declared, Function<? super E, ? extends BoundaryError> wrapper) {
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(wrapper, "wrapper");
        return flux -> flux.onErrorMap(e -> BoundaryError.atBoundary(e, declared, wrapper));
    }
}
