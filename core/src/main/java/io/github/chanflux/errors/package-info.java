/**
 * Errors as values and across module boundaries ("Concurrency in Go" 4.5 and 5.1).
 * {@link io.github.chanflux.errors.Result} carries a value or the error in its place along a
 * pipeline (4.5). {@link io.github.chanflux.errors.BoundaryError} is the book's {@code MyError}:
 * what happened, when (UTC) and where (stack trace, host, process, thread), fields of context, a
 * user message and a log ID; each module declares its own subclass and wraps the declared errors
 * of the module below at its boundary. {@link io.github.chanflux.errors.ErrorReport} is the book's
 * {@code handleError}: the full error for the log and, under the same log ID, a message for the
 * user that tells a known edge case from a bug (5.1).
 *
 * <p><b>The rule, everywhere in chanflux.</b> Programming errors, where Go panics, are unchecked
 * exceptions with Go's message naming the argument and the value (send on a closed channel, a
 * negative counter, a bad argument). Blocking waits that fail throw: an interrupted wait throws
 * {@link java.lang.InterruptedException}, as {@code BlockingQueue} does; a wait that Go ends
 * with an error throws it ({@code Limiter.await} the context's {@code Canceled} or
 * {@code DeadlineExceeded}, {@code ErrGroup.await} an {@code ExecutionException} whose cause is
 * the first error). State queries keep Go's names and return null for "no error":
 * {@code ctx.err()}, {@code Context.cause(ctx)}, {@code PublishedChan.err()}. {@code Result} is
 * the value form, for errors that travel on a stream next to the values; {@code Result.of},
 * {@code Result.lift} and {@code Result.map} turn every {@code Exception} (and a null value)
 * into an error instead of throwing it, so they work inside a {@code map}. An {@code Error}
 * ({@code OutOfMemoryError}, a failed assertion) is not a value: it propagates.
 */
package io.github.chanflux.errors;
