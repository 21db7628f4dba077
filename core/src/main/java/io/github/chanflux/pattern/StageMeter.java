package io.github.chanflux.pattern;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Measures a pipeline stage for Little's law, {@code L = λW} ("Concurrency in Go" 4.11): the
 * arrival rate λ, the mean time in the stage W and the mean number in the stage L, so the law
 * can be checked on a real pipeline. The stage calls {@link #arrive()} when a unit enters and
 * {@link #depart()} when one leaves ({@link Patterns#measured} and the Reactor
 * {@code measured} do that); departures are matched to arrivals first in, first out.
 *
 * <p>The three figures are measured independently: λ counts arrivals, W sums each unit's time
 * from arrival to departure, L integrates the number in the stage over time. All are over the
 * window from the meter's creation to the {@link #snapshot()}. Over a window that starts and
 * ends with the stage empty, {@code L = λW} holds exactly; a stage that is not stable (arrivals
 * outpacing departures) does not satisfy it, as the book warns.
 *
 * <p>Time comes from {@code nanos}: {@link System#nanoTime} in production, a fake or a virtual
 * clock in tests. Thread-safe; no lock is held while anything blocks.
 */
public final class StageMeter {

    /**
     * What a {@link StageMeter} measured.
     *
     * @param arrivals the units that entered the stage
     * @param departures the units that left it
     * @param lambda arrivals per second (λ)
     * @param w the mean seconds a departed unit spent in the stage (W); 0 if none departed
     * @param l the mean number of units in the stage (L)
     */
    public record Snapshot(long arrivals, long departures, double lambda, double w, double l) {}

    private static final double NANOS_PER_SECOND = 1e9;

    private final LongSupplier nanos;
    private final long start;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Long> inStage = new ArrayDeque<>();
    private long arrivals;
    private long departures;
    private long sojournNanos;
    private long last;
    private double areaNanos;

    /** A meter reading time from {@code nanos}, a monotonic nanosecond clock. */
    public StageMeter(LongSupplier nanos) {
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.start = nanos.getAsLong();
        this.last = start;
    }

    /** A meter on {@link System#nanoTime()}. */
    public static StageMeter ofSystemTime() {
        return new StageMeter(System::nanoTime);
    }

    /** Records that a unit entered the stage. */
    public void arrive() {
        lock.lock();
        try {
            long now = advance();
            inStage.addLast(now);
            arrivals++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a unit left the stage: the one that arrived first of those still in it.
     *
     * @throws IllegalStateException if no unit is in the stage
     */
    public void depart() {
        lock.lock();
        try {
            if (inStage.isEmpty()) {
                throw new IllegalStateException("depart() with no unit in the stage (arrivals=" + arrivals + ")");
            }
            long now = advance();
            sojournNanos += now - inStage.removeFirst();
            departures++;
        } finally {
            lock.unlock();
        }
    }

    /** λ, W and L from the meter's creation until now. */
    public Snapshot snapshot() {
        lock.lock();
        try {
            long now = advance();
            double window = (now - start) / NANOS_PER_SECOND;
            double lambda = window == 0 ? 0 : arrivals / window;
            double w = departures == 0 ? 0 : sojournNanos / NANOS_PER_SECOND / departures;
            double l = window == 0 ? 0 : areaNanos / NANOS_PER_SECOND / window;
            return new Snapshot(arrivals, departures, lambda, w, l);
        } finally {
            lock.unlock();
        }
    }

    /** Adds the number in the stage times the time since the last event to the area. */
    private long advance() {
        long now = nanos.getAsLong();
        areaNanos += (double) inStage.size() * (now - last);
        last = now;
        return now;
    }
}
