package io.github.chanflux.webflux;

import io.github.chanflux.errors.BoundaryError;
import java.util.Objects;
import org.springframework.http.HttpStatusCode;

/**
 * A known edge case of a request: the error type the web boundary declares, as the book's
 * {@code IntermediateErr} ("Concurrency in Go" 5.1), with the HTTP status Go's
 * {@code http.Error(w, msg, code)} would send. {@link ProblemDetailErrorHandler} answers it with
 * its status and its {@linkplain #userMessage() user message}; any other error reaching it is
 * a bug. Wrap a lower module's declared errors in it at the boundary, e.g. with
 * {@code BoundaryError.atBoundary(err, LowerErr.class, e -> new RequestError(HttpStatus.NOT_FOUND,
 * "no such user", e))}.
 */
public class RequestError extends BoundaryError {

    /** The status of the response that reports this error. */
    private final HttpStatusCode status;

    /**
     * An error whose message is also the user's message.
     *
     * @param status the response status
     * @param message what happened, shown to the user
     * @param cause the lower error it wraps, or null if there is none
     * @throws NullPointerException if {@code status} or {@code message} is null
     */
    public RequestError(HttpStatusCode status, String message, Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
    }

    /**
     * The status of the response that reports this error.
     *
     * @return the status
     */
    public HttpStatusCode status() {
        return status;
    }
}
