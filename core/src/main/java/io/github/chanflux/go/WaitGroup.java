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
 *
 * <p>As in Go, every {@code await} blocked when the counter reaches zero returns, even if an
 * {@code add} starts the group again before it has woken up. Go then panics in that waiter
 * ("WaitGroup is reused before previous Wait has returned"), since reusing a group before its
 * waiters have returned is a misuse; here the waiter returns normally.
 */
public final class WaitGroup {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    /** Under {@code lock}. */
    private long counter;
    /** How many times the counter has reached zero, so a waiter knows its wait is over; under {@code lock}. */
    private long rounds;

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
            if (next == 0 && delta != 0) {
                rounds++;
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
            long round = rounds;
            while (counter > 0 && rounds == round) {
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
