package io.github.chanflux.go;

import io.github.chanflux.chan.UncheckedInterruptedException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Go's {@code go} statement: starts a goroutine on a new virtual thread.
 *
 * <p>Every goroutine started here is tracked until it ends, so a test can assert that none is
 * left running ({@link #running()}; "Concurrency in Go" 4.3, preventing goroutine leaks: whoever
 * starts a goroutine is responsible for being able to stop it).
 *
 * <p>A goroutine bound to a context, stopped when the context is done, is started with
 * {@code Context.go(ctx, task)} (the context layer sits above this one).
 *
 * <p>A task that ends with {@link InterruptedException} (or {@link UncheckedInterruptedException},
 * its form out of a {@code for} loop over a channel) was stopped and ends quietly. Any other
 * exception goes to the thread's uncaught-exception handler: where Go would crash the program
 * with a panic, Java reports it and the rest of the program goes on.
 */
public final class Go {

    /** The body of a goroutine. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    private static final AtomicLong IDS = new AtomicLong();
    private static final Set<Thread> RUNNING = ConcurrentHashMap.newKeySet();

    private Go() {}

    /** Starts {@code task} as a goroutine named {@code goroutine-N} and returns its thread. */
    public static Thread go(Task task) {
        return go("goroutine-" + IDS.incrementAndGet(), task);
    }

    /** Starts {@code task} as a goroutine with the given thread name. */
    public static Thread go(String name, Task task) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Thread thread = Thread.ofVirtual().name(name).unstarted(() -> run(task));
        RUNNING.add(thread);
        try {
            thread.start();
        } catch (RuntimeException | Error e) {
            RUNNING.remove(thread);
            throw e;
        }
        return thread;
    }

    /** The goroutines started here that have not ended yet: a snapshot. */
    public static Set<Thread> running() {
        return Set.copyOf(RUNNING);
    }

    private static void run(Task task) {
        try {
            task.run();
        } catch (InterruptedException | UncheckedInterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        } finally {
            RUNNING.remove(Thread.currentThread());
        }
    }
}
