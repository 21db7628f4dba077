/**
 * Go's {@code context} package: {@link io.github.chanflux.context.Context} with
 * {@code background}, {@code todo}, {@code withCancel}, {@code withCancelCause},
 * {@code cause}, {@code withDeadline}, {@code withTimeout} (and their {@code …Cause} forms),
 * {@code withValue} with typed {@link io.github.chanflux.context.Key}s, {@code withoutCancel}
 * and {@code afterFunc} ("Concurrency in Go" 4.12; the Go blog's "Context" article).
 *
 * <p>Java manners: a cancel function is a method of the context it cancels, and cancelable
 * contexts are {@code AutoCloseable}, so {@code try (var ctx = withTimeout(parent, d))} is
 * {@code ctx, cancel := WithTimeout(parent, d); defer cancel()}. {@code done()} is a
 * {@link io.github.chanflux.chan.RecvChan} to use in a {@link io.github.chanflux.chan.Select}.
 * Deadlines run on the {@link io.github.chanflux.time.Clock} installed with
 * {@code withClock}, so tests use fake time.
 *
 * <pre>{@code
 * import static io.github.chanflux.context.Context.*;
 *
 * Context ctx = withClock(background(), clock);
 * try (CancelableContext timed = withTimeout(ctx, Duration.ofSeconds(1))) {
 *     String locale = locale(timed);
 * }
 * }</pre>
 */
package io.github.chanflux.context;
