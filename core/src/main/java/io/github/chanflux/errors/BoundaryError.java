package io.github.chanflux.errors;

import io.github.chanflux.time.Clock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An error as it crosses a module boundary: the book's {@code MyError} and {@code wrapError}
 * ("Concurrency in Go" 5.1), carrying what the book says a well-formed error must carry:
 * <ul>
 * <li>what happened: {@link #getMessage()}, and the lower error it wraps, {@link #getCause()}
 *     (Go's {@code Inner});</li>
 * <li>when: {@link #time()}, an {@link Instant} (UTC) read from a {@link Clock} at creation;</li>
 * <li>where: the full stack trace (Java captures it at creation, as the book's
 *     {@code debug.Stack()} does), {@link #host()}, {@link #pid()} and {@link #thread()};</li>
 * <li>the context it happened in: {@link #fields()} (Go's {@code Misc}), added with
 *     {@link #with(String, Object)};</li>
 * <li>a message for the user: {@link #userMessage()}, the message unless set with
 *     {@link #withUserMessage(String)};</li>
 * <li>a log ID, {@link #logId()}, that ties what the user sees to the full log entry
 *     ({@link ErrorReport}).</li>
 * </ul>
 *
 * <p>Each module declares its own error type as a subclass, as the book's {@code LowLevelErr}
 * and {@code IntermediateErr} embed {@code MyError}. At its boundary a module wraps the errors
 * of the type the lower module declared in its own type with new context
 * ({@link #atBoundary(Throwable, Class, Function)}, or a {@code catch} of that type), and lets
 * anything else through unchanged. At the top, an error of the type the top module knows is a
 * known edge case whose user message can be shown; anything else is a bug
 * ({@link #isKnown(Throwable, Class)}, {@link ErrorReport}).
 *
 * <p>One log ID per chain: a {@code BoundaryError} that wraps another (directly or through other
 * causes) takes the nearest one's log ID, so every layer's error and the user's message name the
 * same log entry; otherwise the ID is new, a random UUID or one from the given source.
 *
 * <p>Where Java differs: Go's error is a value and {@code wrapError} a function; here the error
 * is an unchecked exception, so it passes through code that does not handle it as a Go error
 * returned up the stack does, and {@link #wrap(Throwable, String, Object...)} is the plain
 * {@code wrapError}. Fields may be added from any thread.
 */
public class BoundaryError extends RuntimeException {

    /** When it was created. */
    private final Instant time;
    /** The name of the thread it was created on. */
    private final String thread;
    /** The log ID of its chain. */
    private final String logId;
    /** The fields of context, in insertion order. Guarded by itself. */
    private final Map<String, Object> fields = new LinkedHashMap<>();
    /** The user's message, or null for the message. */
    private volatile String userMessage;

    /**
     * An error created now on the {@linkplain Clock#system() system clock}: Go's
     * {@code wrapError(cause, message)}.
     *
     * @param message what happened
     * @param cause the lower error it wraps, or null if there is none
     * @throws NullPointerException if {@code message} is null
     */
    public BoundaryError(String message, Throwable cause) {
        this(message, cause, Clock.system(), BoundaryError::randomLogId);
    }

    /**
     * An error created at {@code clock.now()}, with a log ID from {@code logIds} unless it wraps
     * a {@code BoundaryError}, whose log ID it takes.
     *
     * @param message what happened
     * @param cause the lower error it wraps, or null if there is none
     * @param clock the clock giving {@link #time()}
     * @param logIds the source of a new log ID (e.g. the request's ID), asked only when
     *        {@code cause} holds no {@code BoundaryError}
     * @throws NullPointerException if {@code message}, {@code clock} or {@code logIds} is null,
     *         or {@code logIds} gives null
     */
    public BoundaryError(String message, Throwable cause, Clock clock, Supplier<String> logIds) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.time = Objects.requireNonNull(clock, "clock").now();
        this.thread = Thread.currentThread().getName();
        this.logId = logIdOf(cause, Objects.requireNonNull(logIds, "logIds"));
    }

    /**
     * Go's {@code wrapError(err, messagef, msgArgs...)}: a plain {@code BoundaryError} with the
     * formatted message, on the system clock.
     *
     * @param cause the lower error, or null if there is none
     * @param format a {@link String#format(String, Object...)} format
     * @param args the format's arguments
     * @return the new error
     * @throws NullPointerException if {@code format} is null
     * @throws java.util.IllegalFormatException if {@code format} does not fit {@code args}
     */
    public static BoundaryError wrap(Throwable cause, String format, Object... args) {
        return new BoundaryError(String.format(Objects.requireNonNull(format, "format"), args), cause);
    }

    /**
     * The book's boundary rule: {@code if _, ok := err.(lowlevel.Error); ok { err = WrapErr(err, …) }}.
     * An error of the type the lower module declared is a known edge case and comes back wrapped
     * by {@code wrapper} in this module's type; anything else is a bug and comes back unchanged.
     *
     * @param error the error coming up from the lower module
     * @param declared the error type the lower module declared
     * @param wrapper makes this module's error from the lower one
     * @param <E> the declared type
     * @return {@code wrapper}'s error, or {@code error} itself
     * @throws NullPointerException if an argument is null or {@code wrapper} returns null
     */
    public static <E extends Throwable> Throwable atBoundary(
            Throwable error, Class<E> declared, Function<? super E, ? extends BoundaryError> wrapper) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(wrapper, "wrapper");
        if (!declared.isInstance(error)) {
            return error;
        }
        return Objects.requireNonNull(wrapper.apply(declared.cast(error)), "wrapper returned null");
    }

    /**
     * Whether {@code error} is a known edge case, an error of the type this module declared
     * (Go's {@code if _, ok := err.(IntermediateErr); ok}), rather than a bug.
     *
     * @param error the error
     * @param declared the error type this module declared
     * @return whether {@code error} is a {@code declared}
     * @throws NullPointerException if an argument is null
     */
    public static boolean isKnown(Throwable error, Class<? extends BoundaryError> declared) {
        Objects.requireNonNull(error, "error");
        return Objects.requireNonNull(declared, "declared").isInstance(error);
    }

    /**
     * Adds (or replaces) a field of context, as Go's {@code err.Misc[key] = value}.
     *
     * @param key the field's name
     * @param value the field's value
     * @return this error
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    public BoundaryError with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        synchronized (fields) {
            fields.put(key, value);
        }
        return this;
    }

    /**
     * Sets the message shown to the user: made for people, and ideally saying whether trying
     * again may help.
     *
     * @param message the user's message
     * @return this error
     * @throws NullPointerException if {@code message} is null
     */
    public BoundaryError withUserMessage(String message) {
        this.userMessage = Objects.requireNonNull(message, "message");
        return this;
    }

    /**
     * When the error was created, in UTC.
     *
     * @return the instant of creation
     */
    public Instant time() {
        return time;
    }

    /**
     * The machine the error was created on.
     *
     * @return the local host name, or {@code "unknown"} if it cannot be found
     */
    public String host() {
        return Origin.HOST;
    }

    /**
     * The process the error was created in.
     *
     * @return the process ID
     */
    public long pid() {
        return Origin.PID;
    }

    /**
     * The thread (goroutine) the error was created on.
     *
     * @return the thread's name, empty for an unnamed virtual thread
     */
    public String thread() {
        return thread;
    }

    /**
     * The ID of the log entry of this error's chain.
     *
     * @return the log ID
     */
    public String logId() {
        return logId;
    }

    /**
     * The fields of context, in the order they were first added.
     *
     * @return an unmodifiable snapshot of the fields
     */
    public Map<String, Object> fields() {
        synchronized (fields) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * The message for the user.
     *
     * @return the message set with {@link #withUserMessage(String)}, else {@link #getMessage()}
     */
    public String userMessage() {
        String message = userMessage;
        return message != null ? message : getMessage();
    }

    /**
     * The class, the message, and when and where, as Go's {@code %#v} shows the whole error:
     * {@code IntermediateErr: cannot run job "1" [logID 1, 2024-01-01T00:00:00Z, host vm, pid 7,
     * thread main, job=1]}. A stack trace prints this line for the error and each
     * {@code BoundaryError} cause.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(super.toString())
                .append(" [logID ")
                .append(logId)
                .append(", ")
                .append(time)
                .append(", host ")
                .append(host())
                .append(", pid ")
                .append(pid())
                .append(", thread ")
                .append(thread);
        fields().forEach((key, value) -> s.append(", ").append(key).append('=').append(value));
        return s.append(']').toString();
    }

    static String randomLogId() {
        return UUID.randomUUID().toString();
    }

    /** The log ID of the nearest {@code BoundaryError} among {@code cause} and its causes (a cycle ends the search). */
    static String logIdOf(Throwable cause, Supplier<String> logIds) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = cause; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof BoundaryError inner) {
                return inner.logId;
            }
        }
        return Objects.requireNonNull(logIds.get(), "logIds returned null");
    }

    /** Where this process runs, looked up once. */
    private static final class Origin {
        static final String HOST = hostName();
        static final long PID = ProcessHandle.current().pid();

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "unknown";
            }
        }
    }
}
