package io.github.chanflux.pattern;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Preemptible work ("Concurrency in Go" 5.2, timeouts and cancellation): a long computation
 * split into steps that check {@code done} between them, so that cancelling takes effect within
 * one step, and a way to make a single blocking step preemptible.
 *
 * <pre>{@code
 * reallyLongCalculation := func(done <-chan interface{}, value interface{}) interface{} {
 *     intermediateResult := longCalculation(done, value)
 *     return longCalculation(done, intermediateResult)
 * }
 * }</pre>
 * is {@code Preemptible.steps(done, value, List.of(v -> longCalculation(v), v -> longCalculation(v)))}.
 * Where Go returns {@code nil} for "canceled", these return an empty {@link Optional}. The
 * Reactor form of a preemptible blocking step is {@code GoContexts.run(ctx, work)}, which runs
 * the work on a goroutine that a cancel interrupts.
 */
public final class Preemptible {

    /**
     * A step that may block or fail.
     *
     * @param <T> what it returns
     * @param <X> what it may throw
     */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        /**
         * Does the work.
         *
         * @return its result, never null
         * @throws X if it fails
         */
        T call() throws X;
    }

    private Preemptible() {}

    /**
     * Applies {@code steps} to {@code value} in order, checking {@code done} before each: the
     * book's preemptible {@code reallyLongCalculation}. Once {@code done} has closed, no further
     * step starts, so cancellation takes effect within one step; a step that is running when it
     * closes finishes (make a long step itself preemptible, or use {@link #interruptible}).
     *
     * @param done closes to cancel
     * @param value the input of the first step
     * @param steps the steps; each gets the previous one's result
     * @param <T> the value type
     * @return the last step's result, or empty if {@code done} closed first
     */
    public static <T> Optional<T> steps(RecvChan<?> done, T value, List<? extends UnaryOperator<T>> steps) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(steps, "steps");
        T current = value;
        for (UnaryOperator<T> step : steps) {
            if (done.tryReceive() != null) {
                return Optional.empty();
            }
            current = Objects.requireNonNull(step.apply(current), "a step returned null");
        }
        return Optional.of(current);
    }

    /**
     * Runs a blocking step on a goroutine of its own and waits for whichever comes first, its
     * result or the close of {@code done}: a step that does not itself watch {@code done} made
     * preemptible. When {@code done} wins, the step's goroutine is interrupted (so an
     * interruptible wait in it ends) and its result, if it still comes, is dropped.
     *
     * <pre>{@code
     * resultStream := make(chan interface{})
     * go func() { resultStream <- work() }()
     * select {
     * case <-done: return nil
     * case r := <-resultStream: return r
     * }
     * }</pre>
     *
     * @param done closes to cancel
     * @param work the blocking step
     * @param <T> its result type
     * @param <X> what it may throw
     * @return its result, or empty if {@code done} closed first
     * @throws X what the work threw, unchanged
     * @throws InterruptedException if the caller is interrupted while waiting; the work is then
     *     interrupted too
     */
    public static <T, X extends Exception> Optional<T> interruptible(RecvChan<?> done, Work<? extends T, X> work)
            throws X, InterruptedException {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(work, "work");
        Chan<Result<T>> result = Chan.make(1);
        Thread worker = Go.go("preemptible", () -> result.send(attempt(work)));
        try {
            Selected s = select(recv(done), recv(result));
            if (s.is(done)) {
                worker.interrupt();
                return Optional.empty();
            }
            return switch (s.received(result).value()) {
                case Result.Ok<T>(T value) -> Optional.of(value);
                case Result.Err<T>(Throwable error) -> throw Preemptible.<X>rethrow(error);
            };
        } catch (InterruptedException e) {
            worker.interrupt();
            throw e;
        }
    }

    /** The work's outcome, whatever it threw (an {@code Error} too, so the caller never waits in vain). */
    private static <T> Result<T> attempt(Work<? extends T, ?> work) {
        try {
            return Result.ok(work.call());
        } catch (Throwable e) {
            return Result.error(e);
        }
    }

    /** The work's exception as it threw it: unchecked ones as they are, a checked one as its {@code X}. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> X rethrow(Throwable error) throws X {
        if (error instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return (X) error;
    }
}
