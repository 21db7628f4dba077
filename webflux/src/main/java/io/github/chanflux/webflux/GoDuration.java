package io.github.chanflux.webflux;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with an
 * optional fraction and a unit suffix, such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}.
 * Valid units are {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} and
 * {@code h}; {@code 0} alone needs no unit. As in Go, the result is at most about 292 years
 * either way, and errors carry Go's messages ({@code time: invalid duration "1x"}).
 */
public final class GoDuration {

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L, // U+00B5 micro sign
            "μs", 1_000L, // U+03BC Greek letter mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {}

    /**
     * Parses {@code text} as Go's {@code time.ParseDuration} does.
     *
     * @param text the duration, e.g. {@code 1s}, {@code 250ms} or {@code 1m30s}
     * @return the duration, negative if {@code text} is
     * @throws IllegalArgumentException with Go's message if {@code text} is not a Go duration
     * @throws NullPointerException if {@code text} is null
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw invalid(text);
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                throw invalid(text);
            }
            int start = i;
            long whole = 0;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                whole = addDigit(whole, s.charAt(i), text);
            }
            boolean hasWhole = i > start;
            long fraction = 0;
            double scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int fractionStart = ++i;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    if (fraction <= (Long.MAX_VALUE - 9) / 10) { // further digits cannot matter
                        fraction = fraction * 10 + (s.charAt(i) - '0');
                        scale *= 10;
                    }
                }
                hasFraction = i > fractionStart;
            }
            if (!hasWhole && !hasFraction) {
                throw invalid(text);
            }
            int unitStart = i;
            for (; i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i)); i++) {}
            if (i == unitStart) {
                throw new IllegalArgumentException("time: missing unit in duration " + quote(text));
            }
            String unitName = s.substring(unitStart, i);
            Long unit = UNITS.get(unitName);
            if (unit == null) {
                throw new IllegalArgumentException(
                        "time: unknown unit " + quote(unitName) + " in duration " + quote(text));
            }
            nanos = add(nanos, term(whole, fraction, scale, unit, text), text);
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** {@code whole} and {@code fraction / scale} units, in nanoseconds. */
    private static long term(long whole, long fraction, double scale, long unit, String text) {
        if (whole > Long.MAX_VALUE / unit) {
            throw invalid(text);
        }
        return add(whole * unit, (long) (fraction * (unit / scale)), text);
    }

    private static long addDigit(long value, char digit, String text) {
        int d = digit - '0';
        if (value > (Long.MAX_VALUE - d) / 10) {
            throw invalid(text);
        }
        return value * 10 + d;
    }

    private static long add(long a, long b, String text) {
        long sum = a + b;
        if (sum < 0) {
            throw invalid(text);
        }
        return sum;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    private static String quote(String s) {
        return '"' + s + '"';
    }
}
