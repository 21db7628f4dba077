package io.github.chanflux.errors;

import java.util.Objects;
import java.util.function.Function;

/**
 * A value or the error that took its place: the book's {@code Result} struct (4.5), which a
 * goroutine sends on the same channel as its results so that the goroutine that knows the whole
 * program decides what an error means:
 * <pre>{@code
 * type Result struct {
 *     Error error
 *     Response *http.Response
 * }
 * }</pre>
 * Sealed, so a {@code switch} over {@link Ok} and {@link Err} is exhaustive:
 * <pre>{@code
 * switch (result) {
 *     case Result.Ok<Response>(var response) -> System.out.println(response.status());
 *     case Result.Err<Response>(var error) -> errors++;
 * }
 * }</pre>
 *
 * @param <T> the value type
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /**
     * A value.
     *
     * @param value the value, never null
     * @param <T> the value type
     */
    record Ok<T>(T value) implements Result<T> {
        /** Rejects a null value. */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * An error in place of a value.
     *
     * @param error the error, never null
     * @param <T> the type of the value there is not
     */
    record Err<T>(Throwable error) implements Result<T> {
        /** Rejects a null error. */
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }

    /** A computation that may fail. */
    @FunctionalInterface
    interface Attempt<T> {
        T get() throws Exception;
    }

    /** A step of a pipeline that may fail. */
    @FunctionalInterface
    interface Step<T, R> {
        R apply(T value) throws Exception;
    }

    /** A result holding {@code value}. */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A result holding {@code error}. */
    static <T> Result<T> error(Throwable error) {
        return new Err<>(error);
    }

    /**
     * Runs {@code attempt}: Go's {@code resp, err := http.Get(url); Result{err, resp}}. Any
     * exception becomes an {@link Err}, and so does a null value ({@link NullPointerException}).
     * Usable where nothing may throw a checked exception, such as a Reactor {@code map}. An
     * {@link InterruptedException} becomes an {@code Err} too, with the thread's interrupt
     * status set again, so the goroutine's next blocking call stops it (Java's convention for
     * code that cannot rethrow the interrupt).
     */
    static <T> Result<T> of(Attempt<? extends T> attempt) {
        Objects.requireNonNull(attempt, "attempt");
        try {
            return ok(attempt.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(e);
        } catch (Exception e) {
            return error(e);
        }
    }

    /**
     * {@code step} made total: a function giving {@link #of Result.of(() -> step.apply(v))}.
     * Errors then travel on the stream as values (4.5) instead of ending it, so a consumer can
     * tell a failure from a normal end: {@code Patterns.stage(done, in, Result.lift(parse))},
     * {@code Patterns.fanOut(done, in, n, Result.lift(fetch))}, {@code flux.map(Result.lift(f))}.
     */
    static <T, R> Function<T, Result<R>> lift(Step<? super T, ? extends R> step) {
        Objects.requireNonNull(step, "step");
        return value -> of(() -> step.apply(value));
    }

    /** Whether this is an {@link Err}. */
    default boolean isError() {
        return this instanceof Err;
    }

    /** The value, or the error wrapped in an {@link IllegalStateException} naming it. */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err -> throw new IllegalStateException("result is an error: " + err.error(), err.error());
        };
    }

    /**
     * {@code fn} applied to the value, as {@link #of} runs it: an exception {@code fn} throws,
     * or a null it returns, becomes an {@link Err}. An error stays the same error.
     */
    default <R> Result<R> map(Function<? super T, ? extends R> fn) {
        Objects.requireNonNull(fn, "fn");
        return switch (this) {
            case Ok<T> ok -> of(() -> fn.apply(ok.value()));
            case Err<T> err -> error(err.error());
        };
    }
}
