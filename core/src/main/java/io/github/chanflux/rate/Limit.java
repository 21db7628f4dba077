package io.github.chanflux.rate;

import java.time.Duration;
import java.util.Objects;

/**
 * The maximum frequency of events, in events per second: Go's {@code rate.Limit}
 * ({@code golang.org/x/time/rate}; "Concurrency in Go" 5.5, rate limiting).
 *
 * <p>{@link #INF} allows every event, whatever the burst. A zero limit allows no events beyond
 * the burst the limiter starts with. Unlike Go, a negative or NaN limit is rejected (Go treats a
 * negative limit as zero, and a NaN one corrupts the bucket), and {@code +Infinity} is
 * {@link #INF} (in Go it is not {@code Inf}, and the limiter's tokens become NaN).
 *
 * <p>Durations longer than Go's longest ({@code Long.MAX_VALUE} nanoseconds, about 292 years)
 * count as that longest one, as Go's saturating time arithmetic would have made them.
 *
 * @param perSecond events per second, at least 0; {@code +Infinity} is {@link #INF}
 */
public record Limit(double perSecond) {

    /** The infinite rate: Go's {@code rate.Inf}. */
    public static final Limit INF = new Limit(Double.MAX_VALUE);

    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * @throws IllegalArgumentException if {@code perSecond} is negative or NaN
     */
    public Limit {
        if (!(perSecond >= 0)) {
            throw new IllegalArgumentException("perSecond must be a number >= 0: " + perSecond);
        }
        if (perSecond == Double.POSITIVE_INFINITY) {
            perSecond = Double.MAX_VALUE;
        }
    }

    /** {@code perSecond} events per second. */
    public static Limit of(double perSecond) {
        return new Limit(perSecond);
    }

    /**
     * One event every {@code interval}: Go's {@code rate.Every}. A zero or negative interval is
     * {@link #INF}.
     */
    public static Limit every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (!interval.isPositive()) {
            return INF;
        }
        return new Limit(1 / seconds(Limiter.nanos(interval)));
    }

    /**
     * {@code events} events per {@code duration}: the book's {@code Per(eventCount, duration)},
     * that is {@code Every(duration / eventCount)}.
     *
     * @throws IllegalArgumentException if {@code events} is not positive
     */
    public static Limit per(int events, Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (events <= 0) {
            throw new IllegalArgumentException("events per duration must be positive: " + events);
        }
        return every(Duration.ofNanos(Limiter.nanos(duration)).dividedBy(events));
    }

    /** Whether this is {@link #INF}. */
    public boolean isInf() {
        return perSecond == Double.MAX_VALUE;
    }

    /**
     * The time to accumulate {@code tokens} (negative for negative tokens), truncated to whole
     * nanoseconds; {@link Long#MAX_VALUE} if never (a zero limit), as Go's
     * {@code durationFromTokens}.
     */
    long nanosFromTokens(double tokens) {
        if (perSecond <= 0) {
            return Long.MAX_VALUE;
        }
        double nanos = tokens / perSecond * NANOS_PER_SECOND;
        return nanos > Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    /** The tokens accumulated in {@code nanos}. */
    double tokensFromNanos(long nanos) {
        if (perSecond <= 0) {
            return 0;
        }
        return seconds(nanos) * perSecond;
    }

    /**
     * The shortest whole-nanosecond span found whose refill, {@link #tokensFromNanos}, is at
     * least one token ({@link Long#MAX_VALUE} if none: a zero or tiny limit). Any longer span
     * refills at least as much, as every step of that arithmetic is monotonic; so a bucket within
     * one token of full is full again after it, which {@link Bucket#tokensAt} uses to skip the
     * arithmetic. Checked against {@code tokensFromNanos} itself, not derived from it, so that
     * rounding cannot make it short.
     */
    long nanosForOneToken() {
        if (perSecond <= 0) {
            return Long.MAX_VALUE;
        }
        double estimate = Math.ceil(NANOS_PER_SECOND / perSecond);
        if (!(estimate < Long.MAX_VALUE)) {
            return Long.MAX_VALUE;
        }
        long nanos = Math.max(1, (long) estimate);
        for (long step = 1; tokensFromNanos(nanos) < 1; step *= 2) { // past rounding, in few steps
            if (nanos > Long.MAX_VALUE - step) {
                return Long.MAX_VALUE;
            }
            nanos += step;
        }
        return nanos;
    }

    /** Go's {@code Duration.Seconds()}: whole seconds plus the fraction, without precision loss. */
    private static double seconds(long nanos) {
        if (nanos >= 0 && nanos < 1_000_000_000L) {
            return nanos / NANOS_PER_SECOND; // Go's float64(0) + float64(nsec)/1e9, without a division of longs
        }
        long whole = nanos / 1_000_000_000L;
        long fraction = nanos % 1_000_000_000L;
        return whole + fraction / NANOS_PER_SECOND;
    }

    @Override
    public String toString() {
        return isInf() ? "Inf" : perSecond + "/s";
    }
}
