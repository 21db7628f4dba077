/**
 * Errors as values and across module boundaries ("Concurrency in Go" 4.5 and 5.1).
 * {@link io.github.chanflux.errors.Result} carries a value or the error in its place along a
 * pipeline (4.5). {@link io.github.chanflux.errors.BoundaryError} is the book's {@code MyError}: what
 * happened, when (UTC) and where (stack trace, host, process, thread), fields of context, a user
 * message and a log ID; each module declares its own subclass and wraps the declared errors of
 * the module below at its boundary. {@link io.github.chanflux.errors.ErrorReport} is the book's
 * {@code handleError}: the full error for the log and, under the same log ID, a message for the
 * user that tells a known edge case from a bug (5.1).
 */
package io.github.chanflux.errors;
