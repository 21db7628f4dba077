package io.github.chanflux.go;

import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits for a collection of goroutines to finish: Go's {@code sync.WaitGroup} ("Concurrency in
 * Go" 3, the sync package).
 *
 * <pre>{@code
 * WaitGroup wg = new WaitGroup();
 * for (int i = 0; i < 5; i++) {
 *     wg.add(1);
 *     Go.go(() -> {
 *         try { work(); } finally { wg.done(); }   // defer wg.Done()
 *     });
 * }
 * wg.await();                                       // wg.Wait()
 * }</pre>
 * or, as Go 1.25's {@code wg.Go(f)}, {@code wg.go(() -> work())}.
 *
 * <p>As in Go: {@link #add} with a positive delta should happen before the goroutine starts
 * and before {@link #await}; {@link #done} may be called from any thread; a group may be
 * reused once {@code await} has returned. Where Go panics on a negative counter, this throws
 * {@link IllegalStateException} and leaves the counter as it was. Actions before a
 * {@code done} happen-before {@code await} returns.
 */
public final class WaitGroup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    /** Under {@code lock}. */
    private long counter;

    /**
     * Adds {@code delta}, which may be negative, to the counter: Go's {@code WaitGroup.Add}.
     * When it reaches zero, every {@link #await} returns.
     *
     * @throws IllegalStateException if the counter would go negative ("sync: negative
     *     WaitGroup counter"); the counter is unchanged
     */
    public void add(int delta) {
        lock.lock();
        try {
            long next = counter + delta;
            if (next < 0) {
                throw new IllegalStateException("sync: negative WaitGroup counter: " + counter + " + (" + delta + ")");
            }
            counter = next;
            if (next == 0) {
                zero.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Decrements the counter by one: Go's {@code WaitGroup.Done}. */
    public void done() {
        add(-1);
    }

    /**
     * Blocks until the counter is zero: Go's {@code WaitGroup.Wait}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void await() throws InterruptedException {
        lock.lock();
        try {
            while (counter > 0) {
                zero.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code task} on a new goroutine counted by this group: Go 1.25's {@code WaitGroup.Go},
     * {@code add(1)} before it starts and {@code done()} when it ends, however it ends.
     */
    public Thread go(Go.Task task) {
        Objects.requireNonNull(task, "task");
        add(1);
        try {
            return Go.go(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException | Error notStarted) {
            done();
            throw notStarted;
        }
    }

    /** The counter, for diagnostics. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return "WaitGroup[" + counter + "]";
        } finally {
            lock.unlock();
        }
    }
}
