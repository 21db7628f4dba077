package io.github.chanflux.errors;

import io.github.chanflux.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An error as the top of a program hands it out: the book's {@code handleError} and the
 * {@code main} that calls it ("Concurrency in Go" 5.1). The full error goes to the log under a
 * log ID; the user sees the same ID and a message, which is the error's
 * {@linkplain BoundaryError#userMessage() user message} if the error is a known edge case (of
 * the type the top module declared) and {@link #BUG_MESSAGE} if it is a bug (anything else):
 * <pre>{@code
 * [logID: 1]: 21:46:07 IntermediateErr: cannot run job "1": requisite binaries not available [logID 1, …]
 *     at …
 * Caused by: LowLevelErr: /bad/job/binary [logID 1, …]
 *     at …
 * }</pre>
 * and {@code [1] cannot run job "1": requisite binaries not available}.
 *
 * <p>The log ID is the error's chain's ({@link BoundaryError#logId()}), so the user's line, the
 * log line and every layer's error name the same entry; an error with no {@code BoundaryError}
 * in its chain gets a new one. Where Java differs: Go's {@code log.Printf} writes the line;
 * here the report gives the lines ({@link #logLine()}, {@link #userLine()}) and the parts, for
 * whichever logger the program uses. An {@code ExecutionException} or {@code CompletionException}
 * is reported as given: pass its cause to report what the task threw.
 */
public final class ErrorReport {

    /** What the user is told about a bug: the book's message. */
    public static final String BUG_MESSAGE = "There was an unexpected issue; please report this as a bug.";

    /** Go's {@code log.SetFlags(log.Ltime | log.LUTC)}. */
    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String logId;
    private final Instant time;
    private final Throwable error;
    private final boolean known;

    private ErrorReport(String logId, Instant time, Throwable error, boolean known) {
        this.logId = logId;
        this.time = time;
        this.error = error;
        this.known = known;
    }

    /**
     * Reports {@code error} now, on the {@linkplain Clock#system() system clock}, with a random
     * log ID if its chain holds no {@code BoundaryError}.
     *
     * @param error the error that reached the top
     * @param known the error type the top module declared: its errors are known edge cases
     * @return the report
     * @throws NullPointerException if an argument is null
     */
    public static ErrorReport of(Throwable error, Class<? extends BoundaryError> known) {
        return of(error, known, Clock.system(), BoundaryError::randomLogId);
    }

    /**
     * Reports {@code error} at {@code clock.now()}.
     *
     * @param error the error that reached the top
     * @param known the error type the top module declared: its errors are known edge cases
     * @param clock the clock giving the log time
     * @param logIds the source of a log ID, asked only if the chain holds no {@code BoundaryError}
     * @return the report
     * @throws NullPointerException if an argument is null, or {@code logIds} gives null
     */
    public static ErrorReport of(
            Throwable error, Class<? extends BoundaryError> known, Clock clock, Supplier<String> logIds) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(logIds, "logIds");
        return new ErrorReport(BoundaryError.logIdOf(error, logIds), clock.now(), error, known.isInstance(error));
    }

    /**
     * The ID tying the user's line to the log line.
     *
     * @return the log ID
     */
    public String logId() {
        return logId;
    }

    /**
     * When the error was reported, in UTC.
     *
     * @return the log time
     */
    public Instant time() {
        return time;
    }

    /**
     * The error reported.
     *
     * @return the error
     */
    public Throwable error() {
        return error;
    }

    /**
     * Whether the error is a bug: not of the type the top module declared.
     *
     * @return true for a bug, false for a known edge case
     */
    public boolean isBug() {
        return !known;
    }

    /**
     * What the user is told.
     *
     * @return the error's user message for a known edge case, {@link #BUG_MESSAGE} for a bug
     */
    public String userMessage() {
        return known ? ((BoundaryError) error).userMessage() : BUG_MESSAGE;
    }

    /**
     * The log entry: {@code [logID: <id>]: <HH:mm:ss UTC> <the error's stack trace with all its causes>},
     * as the book's {@code log.Printf("%#v", err)} with the {@code [logID: key]: } prefix.
     *
     * @return the log entry, lines separated by the platform's line separator
     */
    public String logLine() {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return "[logID: " + logId + "]: " + LOG_TIME.format(time) + " "
                + trace.toString().stripTrailing();
    }

    /**
     * The user's line: {@code [<id>] <user message>}, as the book's
     * {@code fmt.Printf("[%v] %v", key, message)}.
     *
     * @return the user's line
     */
    public String userLine() {
        return "[" + logId + "] " + userMessage();
    }
}
