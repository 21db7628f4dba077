package io.github.chanflux.errgroup;

import io.github.chanflux.context.CancelCauseContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A group of goroutines working on subtasks of one task: Go's {@code golang.org/x/sync/errgroup}
 * ("Concurrency in Go" 4.5 on error handling: the goroutine that knows the whole task decides
 * what an error means).
 *
 * <p>{@link #go} starts a subtask; {@link #await} waits for all of them and throws the first
 * error (a task's thrown exception) in an {@link ExecutionException}. A group from
 * {@link #withContext} also derives a
 * context, canceled with the first error as its {@linkplain Context#cause cause}, or when
 * {@code await} returns; pass it to the tasks so the others stop early. {@link #setLimit} bounds
 * the number of active goroutines. {@code new ErrGroup()} is Go's zero {@code Group}: no
 * limit, no context.
 *
 * <pre>{@code
 * ErrGroup g = ErrGroup.withContext(ctx);
 * for (String url : urls) {
 *     g.go(() -> fetch(g.context(), url));
 * }
 * g.await();   // throws ExecutionException with the first error as its cause
 * }</pre>
 *
 * <p>Tasks are not interrupted when the context is canceled: as in Go, they watch it.
 */
public final class ErrGroup {

    private final CancelCauseContext ctx;
    private final AtomicReference<Throwable> err = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when {@code active} drops to 0. */
    private final Condition idle = lock.newCondition();
    /** Signalled when a task holding a slot ends. */
    private final Condition slotFreed = lock.newCondition();
    /** Tasks running; under {@code lock}. */
    private int active;
    /** The limit, or -1 for none; under {@code lock}. */
    private int limit = -1;
    /** Tasks started under the limit and still running (Go's {@code len(g.sem)}); under {@code lock}. */
    private int slots;

    /** A group with no limit and no context: Go's zero {@code errgroup.Group}. */
    public ErrGroup() {
        this.ctx = null;
    }

    private ErrGroup(CancelCauseContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A group with a context derived from {@code parent}: Go's {@code errgroup.WithContext}.
     * The context is canceled the first time a task fails, with that error as its cause, or
     * when {@link #await} returns, whichever happens first.
     *
     * @throws NullPointerException if {@code parent} is null
     */
    public static ErrGroup withContext(Context parent) {
        return new ErrGroup(Context.withCancelCause(Objects.requireNonNull(parent, "parent")));
    }

    /**
     * The context derived by {@link #withContext}.
     *
     * @throws IllegalStateException if this group was made with {@code new ErrGroup()}
     */
    public Context context() {
        if (ctx == null) {
            throw new IllegalStateException("errgroup: group has no context; make it with ErrGroup.withContext");
        }
        return ctx;
    }

    /**
     * Runs {@code task} on a new goroutine: Go's {@code Group.Go}. At the {@linkplain #setLimit
     * limit}, blocks until a running task ends. The first task to throw sets the group's error
     * and cancels its context.
     *
     * @throws InterruptedException if interrupted while blocked at the limit; the task is not run
     */
    public void go(Go.Task task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        boolean slot;
        lock.lock();
        try {
            while (limit >= 0 && slots >= limit) {
                slotFreed.await();
            }
            slot = take();
        } finally {
            lock.unlock();
        }
        start(slot, task);
    }

    /**
     * Runs {@code task} on a new goroutine only if that keeps the group within its limit: Go's
     * {@code Group.TryGo}. Returns whether it was started.
     */
    public boolean tryGo(Go.Task task) {
        Objects.requireNonNull(task, "task");
        boolean slot;
        lock.lock();
        try {
            if (limit >= 0 && slots >= limit) {
                return false;
            }
            slot = take();
        } finally {
            lock.unlock();
        }
        start(slot, task);
        return true;
    }

    /**
     * Limits the number of active goroutines to {@code n}; negative means no limit: Go's
     * {@code Group.SetLimit}. With 0, {@code go} blocks forever and {@code tryGo} never starts.
     * A limit is a counter: it costs the same at any {@code n}. Goroutines started while there
     * was no limit do not count against a limit set later, as in Go. A new limit does not
     * release a {@code go} already blocked at the old one until a task ends (in Go it waits on
     * the old semaphore's channel).
     *
     * @throws IllegalStateException if goroutines started under a limit are still active
     */
    public void setLimit(int n) {
        lock.lock();
        try {
            if (slots != 0) {
                throw new IllegalStateException(
                        "errgroup: modify limit while " + slots + " goroutines in the group are still active");
            }
            limit = n < 0 ? -1 : n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for every task started so far to end, cancels the group's context, and throws the
     * first error: Go's {@code Group.Wait}, which returns it. The group may be used again.
     *
     * @throws ExecutionException if a task failed; its cause is the first task's exception (as
     *     {@code Future.get} and {@code StructuredTaskScope} report a failed subtask)
     * @throws InterruptedException if interrupted while waiting; the tasks go on
     */
    public void await() throws InterruptedException, ExecutionException {
        lock.lock();
        try {
            while (active > 0) {
                idle.await();
            }
        } finally {
            lock.unlock();
        }
        Throwable first = err.get();
        if (ctx != null) {
            ctx.cancel(first);
        }
        if (first != null) {
            throw new ExecutionException("errgroup: a task failed: " + first, first);
        }
    }

    /** Counts a new task in, with a slot under the limit if there is one; call with {@code lock} held. */
    private boolean take() {
        active++;
        if (limit < 0) {
            return false;
        }
        slots++;
        return true;
    }

    private void start(boolean slot, Go.Task task) {
        try {
            Go.go(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    fail(e);
                } finally {
                    done(slot);
                }
            });
        } catch (RuntimeException | Error notStarted) {
            done(slot);
            throw notStarted;
        }
    }

    private void fail(Throwable e) {
        if (err.compareAndSet(null, e) && ctx != null) {
            ctx.cancel(e);
        }
    }

    /** A task ended (or never started): frees its slot under the limit and counts it out. */
    private void done(boolean slot) {
        lock.lock();
        try {
            if (slot) {
                slots--;
                slotFreed.signal();
            }
            if (--active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
