package io.github.chanflux.pattern;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How long a hedged request waits for an attempt before sending the next ("The Tail at Scale",
 * Dean and Barroso, CACM 2013: "defer sending a secondary request until the first request has
 * been outstanding for more than the 95th-percentile expected latency"). Either {@link #fixed}
 * (gRPC's {@code hedgingDelay}) or a {@link #percentile} of the latencies {@link #record recorded}
 * lately, which follows the backend as it speeds up or slows down.
 *
 * <p>One instance is meant to be shared by every call to the same backend, through one
 * {@link HedgingPolicy}; it is thread-safe and never blocks (its lock guards a small window and is
 * never held across a wait).
 */
public final class HedgeDelay {

    /** The delay of a fixed one, read without a lock; null for a percentile one. */
    private final Duration fixed;

    private final double percentile;
    /** The latest recorded latencies, in nanoseconds, as a ring; null for a fixed delay. */
    private final long[] window;
    /** Under {@code this}: how many latencies were recorded, and the delay they give (null: stale). */
    private long recorded;

    private Duration current;

    private HedgeDelay(Duration initial, double percentile, long[] window) {
        this.fixed = window == null ? initial : null;
        this.current = initial;
        this.percentile = percentile;
        this.window = window;
    }

    /**
     * A delay that never changes: gRPC's {@code hedgingDelay}, Polly's {@code Delay}.
     *
     * @param delay how long to wait for an attempt before sending the next, positive
     * @return the delay
     * @throws IllegalArgumentException if {@code delay} is zero or negative
     * @throws NullPointerException if {@code delay} is null
     */
    public static HedgeDelay fixed(Duration delay) {
        return new HedgeDelay(requirePositive("delay", delay), 0, null);
    }

    /**
     * The {@code percentile}-th percentile (nearest rank) of the last {@code window} recorded
     * latencies, or {@code initial} while none is recorded; at least one nanosecond.
     *
     * @param percentile which percentile, in (0, 100]: 95 for the paper's advice
     * @param window how many recent latencies to keep, at least 1
     * @param initial the delay until a latency is recorded, positive
     * @return the delay
     * @throws IllegalArgumentException if {@code percentile}, {@code window} or {@code initial}
     *     is out of range
     * @throws NullPointerException if {@code initial} is null
     */
    public static HedgeDelay percentile(double percentile, int window, Duration initial) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("hedging: percentile must be in (0, 100], got " + percentile);
        }
        if (window < 1) {
            throw new IllegalArgumentException("hedging: window must be at least 1, got " + window);
        }
        return new HedgeDelay(requirePositive("initial", initial), percentile, new long[window]);
    }

    /**
     * The delay to apply now.
     *
     * @return the fixed delay, or the percentile of the recorded latencies
     */
    public Duration current() {
        return window == null ? fixed : percentileDelay();
    }

    /**
     * Whether this delay is {@link #fixed}: {@link #record} changes nothing, so a caller need not
     * measure latencies for it.
     *
     * @return true for a fixed delay, false for a percentile one
     */
    public boolean isFixed() {
        return window == null;
    }

    /** The percentile of the recorded latencies, sorted again only after a new one. */
    private synchronized Duration percentileDelay() {
        if (current == null) {
            int n = (int) Math.min(recorded, window.length);
            long[] sorted = Arrays.copyOf(window, n);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100 * n);
            current = Duration.ofNanos(Math.max(1, sorted[Math.max(rank, 1) - 1]));
        }
        return current;
    }

    /**
     * Records how long a request took, for a percentile delay; a fixed delay ignores it. The
     * hedging operators record the time the first attempt of each call ran: its latency when it
     * answered, else how long it ran before another attempt answered (a lower bound), so that
     * quick hedges do not drag the percentile down.
     *
     * @param latency how long a request took, not negative
     * @throws IllegalArgumentException if {@code latency} is negative
     * @throws NullPointerException if {@code latency} is null
     */
    public void record(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("hedging: latency must not be negative, got " + latency);
        }
        if (window == null) {
            return;
        }
        long nanos = saturatedNanos(latency);
        synchronized (this) {
            window[(int) (recorded++ % window.length)] = nanos;
            current = null;
        }
    }

    @Override
    public String toString() {
        return window == null
                ? "fixed(" + fixed + ")"
                : "p" + percentile + " of the last " + window.length + " (" + current() + ")";
    }

    private static long saturatedNanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    private static Duration requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (!d.isPositive()) {
            throw new IllegalArgumentException("hedging: " + name + " must be positive, got " + d);
        }
        return d;
    }
}
