package io.github.chanflux.context;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Go's {@code context.Context}: a deadline, a cancellation signal and request-scoped values
 * that cross API boundaries and goroutines ("Concurrency in Go" 4.12, "The context Package";
 * the Go blog's "Go Concurrency Patterns: Context").
 *
 * <p>Contexts form a tree. {@link #background()} is the root; {@link #withCancel},
 * {@link #withDeadline}, {@link #withTimeout}, {@link #withValue} and their kin derive children.
 * Cancelling a context cancels all its descendants, never its parent. A function that takes a
 * context takes it as its first parameter, named {@code ctx}, and never stores it in a field.
 * The methods of a context may be called from any number of goroutines at once.
 *
 * <pre>{@code
 * try (CancelableContext ctx = Context.withTimeout(parent, Duration.ofSeconds(1))) {
 *     return select(
 *         recv(ctx.done(), r -> { throw ctx.err(); }),
 *         recv(results, r -> r.value()));
 * }                                              // defer cancel()
 * }</pre>
 *
 * <p><b>Time.</b> Deadlines are read and timed by the {@link Clock} in effect for the context:
 * the one installed by {@link #withClock(Context, Clock)} nearest up the tree, else
 * {@link Clock#system()}. Installing a {@code FakeClock} at the root of a test's tree puts every
 * {@code withTimeout} below it on fake time, however deep in the code under test it is made.
 * All system-clock deadlines share one scheduler thread; no context owns a thread.
 *
 * <p><b>Implementing.</b> The package's own contexts cancel their children directly. A context
 * of another class may be a parent too: its children then watch its {@link #done()} from a
 * goroutine, as Go does for foreign contexts. It must keep the contracts below.
 */
public interface Context {

    /** The error of a context canceled by its cancel function: Go's {@code context.Canceled}. */
    Canceled CANCELED = Canceled.INSTANCE;

    /** The error of a context whose deadline passed: Go's {@code context.DeadlineExceeded}. */
    DeadlineExceeded DEADLINE_EXCEEDED = DeadlineExceeded.INSTANCE;

    /**
     * When work done for this context should be canceled: Go's {@code Deadline()}. Empty when
     * there is no deadline. The result is the same on every call.
     */
    Optional<Instant> deadline();

    /**
     * A channel closed when work done for this context should be canceled: Go's
     * {@code Done()}. It never carries values; receive from it, typically in a
     * {@code select}, to learn of the cancellation. A context that can never be canceled returns
     * the {@linkplain io.github.chanflux.chan.Chan#nil() nil channel}, which a select never
     * chooses. The result is the same on every call.
     */
    RecvChan<Void> done();

    /**
     * Why this context is done: Go's {@code Err()}. Null while {@link #done()} is open; once it
     * is closed, {@link #CANCELED} or {@link #DEADLINE_EXCEEDED}, and the same on every later
     * call. A non-null result implies {@code done()} is closed.
     *
     * <p>Both errors are shared instances, as Go's sentinel errors are, compared with
     * {@code ==}. Java can change a throwable after the fact in one way that cannot be switched
     * off here: a {@code try}-with-resources whose {@code close()} throws while this error is
     * propagating adds the close's exception to it as suppressed, for every later reader. Wrap it
     * before throwing it through such a block ({@code new CancellationException(...)} with it as
     * the cause). Its cause cannot be set ({@code initCause} throws).
     */
    Exception err();

    /**
     * The value stored under {@code key} by the nearest {@link #withValue} up the tree: Go's
     * {@code Value(key)}. Empty if there is none. Use values for request-scoped data that
     * crosses processes and APIs, not for optional parameters of functions.
     */
    <T> Optional<T> value(Key<T> key);

    /**
     * The root of every context tree: Go's {@code context.Background()}. Never canceled, no
     * deadline, no values; its {@code done()} is the nil channel. Prints as
     * {@code context.Background}.
     */
    static Context background() {
        return EmptyContext.BACKGROUND;
    }

    /**
     * A placeholder for a context not yet threaded through: Go's {@code context.TODO()}.
     * Behaves as {@link #background()}; prints as {@code context.TODO}.
     */
    static Context todo() {
        return EmptyContext.TODO;
    }

    /**
     * A child of {@code parent} with its own cancel function: Go's {@code WithCancel}. It is
     * done when it is canceled or when {@code parent} is done, whichever happens first; if
     * {@code parent} is already done, so is the child, at once. Prints as
     * {@code <parent>.WithCancel}.
     *
     * @throws NullPointerException if {@code parent} is null
     */
    static CancelableContext withCancel(Context parent) {
        return CancelContext.create(parent);
    }

    /**
     * Like {@link #withCancel} but its cancel function records a cause: Go's
     * {@code WithCancelCause}. Read the cause with {@link #cause(Context)}.
     *
     * @throws NullPointerException if {@code parent} is null
     */
    static CancelCauseContext withCancelCause(Context parent) {
        return CancelContext.create(parent);
    }

    /**
     * Why {@code ctx} was canceled: Go's {@code context.Cause}. The cause given to the first
     * cancellation of {@code ctx} or of the ancestor that canceled it; that is the
     * {@link #err()} unless a cause was given through {@link CancelCauseContext#cancel(Throwable)}
     * or a {@code …Cause} deadline. Null while {@code ctx} is not canceled. For a context of
     * another implementation, done on its own while the chanflux context it derives from is not,
     * it is {@code ctx.err()} (as Go does since golang/go#73258: a cause only if there is one).
     *
     * @throws NullPointerException if {@code ctx} is null
     */
    static Throwable cause(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        Optional<CancelContext> nearest = ctx.value(CancelContext.KEY);
        Throwable cause = nearest.isPresent() ? nearest.get().cause() : null;
        return cause != null ? cause : ctx.err();
    }

    /**
     * A child of {@code parent} that is done by {@code deadline} at the latest: Go's
     * {@code WithDeadline}. When the deadline passes its error is {@link #DEADLINE_EXCEEDED};
     * its cancel function and {@code parent} can end it sooner. If {@code parent}'s deadline is
     * already sooner, this is {@link #withCancel(Context) withCancel(parent)}; if
     * {@code deadline} has passed, the child is done at once. Prints as
     * {@code <parent>.WithDeadline(<deadline> [<time left>])}.
     *
     * @throws NullPointerException if {@code parent} or {@code deadline} is null
     */
    static CancelableContext withDeadline(Context parent, Instant deadline) {
        return TimerContext.create(parent, deadline, null);
    }

    /**
     * Like {@link #withDeadline} but, if the deadline passes, {@link #cause(Context)} returns
     * {@code cause} instead of {@link #DEADLINE_EXCEEDED}: Go's {@code WithDeadlineCause}. The
     * cause is not set by the cancel function.
     *
     * @throws NullPointerException if {@code parent} or {@code deadline} is null
     */
    static CancelableContext withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        return TimerContext.create(parent, deadline, cause);
    }

    /**
     * {@code withDeadline(parent, now + timeout)}, reading now from the context's clock: Go's
     * {@code WithTimeout}. A sum beyond the range of {@code Instant} saturates, as Go's time
     * arithmetic does: a huge timeout is a deadline of {@link Instant#MAX} (effectively none), a
     * huge negative one {@link Instant#MIN} (done at once).
     *
     * @throws NullPointerException if {@code parent} or {@code timeout} is null
     */
    static CancelableContext withTimeout(Context parent, Duration timeout) {
        return withTimeoutCause(parent, timeout, null);
    }

    /**
     * {@code withDeadlineCause(parent, now + timeout, cause)}: Go's {@code WithTimeoutCause}.
     * Saturates as {@link #withTimeout} does.
     *
     * @throws NullPointerException if {@code parent} or {@code timeout} is null
     */
    static CancelableContext withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(timeout, "timeout");
        return TimerContext.create(
                parent, TimerContext.deadlineAfter(clock(parent).now(), timeout), cause);
    }

    /**
     * A child of {@code parent} carrying {@code value} under {@code key}: Go's
     * {@code WithValue}. It shadows any value under the same key further up. Unlike Go, null
     * values are rejected, because {@link #value(Key)} answers with an {@code Optional}. Prints
     * as {@code <parent>.WithValue(<key>, <value>)}.
     *
     * @throws NullPointerException if {@code parent}, {@code key} or {@code value} is null
     */
    static <T> Context withValue(Context parent, Key<T> key, T value) {
        return new ValueContext<>(parent, key, value);
    }

    /**
     * A child of {@code parent} that keeps its values but is never canceled and has no
     * deadline: Go's {@code WithoutCancel}. For work that must outlive the request that started
     * it, such as writing an audit log. Prints as {@code <parent>.WithoutCancel}.
     *
     * @throws NullPointerException if {@code parent} is null
     */
    static Context withoutCancel(Context parent) {
        return new WithoutCancelContext(parent);
    }

    /**
     * Arranges for {@code f} to run on a goroutine of its own once {@code ctx} is done: Go's
     * {@code context.AfterFunc}. If {@code ctx} is already done, {@code f} starts at once.
     * Multiple calls register independent functions; cancellation never waits for them. The
     * returned {@link Stop} prevents {@code f} if it has not started.
     *
     * @throws NullPointerException if {@code ctx} or {@code f} is null
     */
    static Stop afterFunc(Context ctx, Runnable f) {
        return AfterFuncContext.create(ctx, f);
    }

    /**
     * A child of {@code parent} whose deadlines, and those of its descendants, are read and
     * timed by {@code clock}: chanflux's way to run contexts on fake time (Go passes no clock;
     * its tests use real time). Otherwise it is {@code parent}. Prints as
     * {@code <parent>.WithClock(<clock>)}.
     *
     * @throws NullPointerException if {@code parent} or {@code clock} is null
     */
    static Context withClock(Context parent, Clock clock) {
        return new ClockContext(parent, clock);
    }

    /**
     * The clock in effect for {@code ctx}: the nearest {@link #withClock} up the tree, else
     * {@link Clock#system()}. Code that waits on time for a context should use it, e.g.
     * {@code Context.clock(ctx).after(d)} for Go's {@code time.After(d)}.
     *
     * @throws NullPointerException if {@code ctx} is null
     */
    static Clock clock(Context ctx) {
        Objects.requireNonNull(ctx, "ctx");
        return ctx.value(ClockContext.KEY).orElseGet(Clock::system);
    }

    /**
     * Starts {@code task} as a goroutine bound to {@code ctx}: Go's {@code go f(ctx)} where every
     * blocking point also selects on {@code <-ctx.Done()}. The task is given {@code ctx}, and its
     * thread is interrupted when {@code ctx} is done, so any blocking call it makes (a channel
     * operation, a select, a sleep) ends with {@link InterruptedException} and the goroutine
     * stops quietly. If {@code ctx} is already done, the interrupt comes at once. The goroutine
     * is named {@code name} and tracked as every goroutine started through {@link Go} is.
     *
     * @return the goroutine's thread
     */
    static Thread go(String name, Context ctx, Task task) {
        Objects.requireNonNull(name, "name");
        return Go.go(name, bound(ctx, task));
    }

    /** As {@link #go(String, Context, Task)}, named {@code goroutine-N}. */
    static Thread go(Context ctx, Task task) {
        return Go.go(bound(ctx, task));
    }

    private static Go.Task bound(Context ctx, Task task) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(task, "task");
        return () -> {
            Stop stop = afterFunc(ctx, Thread.currentThread()::interrupt);
            try {
                task.run(ctx);
            } finally {
                stop.stop();
            }
        };
    }

    /** The body of a goroutine bound to a context: it receives that context. */
    @FunctionalInterface
    interface Task {
        /** Runs the goroutine's work under {@code ctx}. */
        void run(Context ctx) throws Exception;
    }
}
