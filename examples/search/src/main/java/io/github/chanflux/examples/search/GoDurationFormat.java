package io.github.chanflux.examples.search;

import java.time.Duration;

/**
 * Go's {@code time.Duration.String}, the form the Go blog's results page prints its timings in:
 * {@code 0s}, {@code 850ns}, {@code 1.5µs}, {@code 12.345678ms}, {@code 1s}, {@code 2m3.5s},
 * {@code 1h0m0s}; the shortest exact form, without trailing zeros. Durations beyond Go's range
 * (about 292 years) saturate as Go's do.
 */
public final class GoDurationFormat {

    private static final long MICROSECOND = 1_000L;
    private static final long MILLISECOND = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private GoDurationFormat() {}

    /**
     * Formats {@code d} as Go's {@code Duration.String} does.
     *
     * @param d the duration
     * @return its Go form, e.g. {@code 1.5s}
     */
    public static String format(Duration d) {
        long nanos = saturatedNanos(d);
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        long u = Math.abs(nanos); // Long.MIN_VALUE stays itself: read unsigned below, as Go does
        if (Long.compareUnsigned(u, SECOND) < 0) {
            if (u < MICROSECOND) {
                return sign + u + "ns";
            }
            if (u < MILLISECOND) {
                return sign + fraction(u, MICROSECOND) + "µs";
            }
            return sign + fraction(u, MILLISECOND) + "ms";
        }
        long hours = Long.divideUnsigned(u, HOUR);
        long minutes = Long.remainderUnsigned(u, HOUR) / MINUTE;
        long seconds = Long.remainderUnsigned(u, MINUTE);
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(fraction(seconds, SECOND)).append('s').toString();
    }

    /** {@code value / unit} in decimal, with the fraction's trailing zeros dropped. */
    private static String fraction(long value, long unit) {
        long whole = value / unit;
        long rest = value % unit;
        if (rest == 0) {
            return Long.toString(whole);
        }
        String digits = Long.toString(unit + rest).substring(1).replaceFirst("0+$", "");
        return whole + "." + digits;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
