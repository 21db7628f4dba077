package io.github.chanflux.go;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds goroutines left running: {@code uber-go/goleak}'s {@code Find} and {@code VerifyNone}
 * for the goroutines started through {@link Go} ("Concurrency in Go" 4.3, preventing goroutine
 * leaks).
 *
 * <p>Goroutines that are about to end are not leaks, so both methods first wait, up to a
 * bounded time, for each suspect to end (by joining it, never by sleeping); only those still
 * running then are reported. Goroutines started by other means (plain threads, executors) are
 * not seen. The JUnit extension of {@code chanflux-test} runs this after every test.
 */
public final class GoLeak {

    private GoLeak() {}

    /**
     * The goroutines started through {@link Go}, other than {@code ignore}, still running after
     * waiting up to {@code timeout} for them to end; goroutines they start meanwhile are waited
     * for too. Sorted by name.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static List<Thread> find(Set<Thread> ignore, Duration timeout) throws InterruptedException {
        Objects.requireNonNull(ignore, "ignore");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        List<Thread> suspects = running(ignore);
        while (!suspects.isEmpty()) {
            for (Thread t : suspects) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return running(ignore);
                }
                t.join(Duration.ofNanos(left));
            }
            suspects = running(ignore);
        }
        return suspects;
    }

    /**
     * Fails if {@link #find} reports any goroutine, with an {@link AssertionError} that lists
     * each one's name, state and stack trace.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static void verifyNone(Set<Thread> ignore, Duration timeout) throws InterruptedException {
        List<Thread> leaked = find(ignore, timeout);
        if (!leaked.isEmpty()) {
            throw new AssertionError(describe(leaked));
        }
    }

    /** A goleak-style report: one paragraph per goroutine with its stack. */
    static String describe(List<Thread> leaked) {
        StringBuilder b = new StringBuilder("found unexpected goroutines (")
                .append(leaked.size())
                .append(" still running):");
        for (Thread t : leaked) {
            b.append("\n\n[Goroutine ")
                    .append(t.getName())
                    .append(" in state ")
                    .append(t.getState())
                    .append(']');
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n\tat ").append(e);
            }
        }
        return b.toString();
    }

    /** {@code d} in nanoseconds, at least 0 and at most 2^62 (146 years): never an overflow. */
    private static long saturatedNanos(Duration d) {
        try {
            return Math.min(Math.max(0, d.toNanos()), Long.MAX_VALUE / 2);
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
    }

    private static List<Thread> running(Set<Thread> ignore) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : Go.running()) {
            if (!ignore.contains(t) && t.isAlive()) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparing(Thread::getName));
        return out;
    }
}
