package io.github.chanflux.webflux;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Go's {@code time.ParseDuration}: a possibly signed sequence of decimal numbers, each with an
 * optional fraction and a unit suffix, such as {@code 300ms}, {@code -1.5h} or {@code 2h45m}.
 * Valid units are {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} and
 * {@code h}; {@code 0} alone needs no unit. As in Go, the result is from
 * {@code -9223372036854775808ns} to {@code 9223372036854775807ns} (about 292 years either way),
 * nothing around the text is trimmed, and errors carry Go's messages
 * ({@code time: invalid duration "1x"}), with the text quoted as Go's {@code time.quote} does:
 * ASCII from the space on as is ({@code "} and {@code \} after a backslash), every other byte
 * of its UTF-8 encoding (control characters, non-ASCII) as {@code \xNN}, so a message cannot
 * break a log line ({@code time: unknown unit "\x0a" in duration "1\x0a"}). One difference from
 * Go: terms adding up to exactly 2<sup>64</sup> ns, which Go's unsigned sum wraps to 0, are
 * rejected as out of range.
 */
public final class GoDuration {

    /** {@code 1 << 63} as an unsigned long: the magnitude of the most negative duration. */
    private static final long LIMIT = Long.MIN_VALUE;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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
        long total = 0; // unsigned, at most LIMIT, as Go's uint64
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
                throw invalid(text);
            }
            int start = i;
            long whole = 0; // Go's leadingInt: unsigned, at most LIMIT
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (above(whole, Long.divideUnsigned(LIMIT, 10))) {
                    throw invalid(text);
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (above(whole, LIMIT)) {
                    throw invalid(text);
                }
            }
            boolean hasWhole = i > start;
            long fraction = 0; // Go's leadingFraction: stops gaining precision before overflowing
            double scale = 1;
            boolean hasFraction = false;
            if (i < s.length() && s.charAt(i) == '.') {
                int fractionStart = ++i;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    if (overflow || above(fraction, (LIMIT - 1) / 10)) {
                        overflow = true;
                        continue;
                    }
                    long next = fraction * 10 + (s.charAt(i) - '0');
                    if (above(next, LIMIT)) {
                        overflow = true;
                        continue;
                    }
                    fraction = next;
                    scale *= 10;
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
            if (above(whole, Long.divideUnsigned(LIMIT, unit))) {
                throw invalid(text);
            }
            long term = whole * unit;
            if (fraction != 0) {
                // float64 as in Go: nanosecond-accurate for fractions of hours; below one unit
                term += (long) (unsignedToDouble(fraction) * (unit / scale));
                if (above(term, LIMIT)) {
                    throw invalid(text);
                }
            }
            if (above(total, LIMIT - term)) {
                throw invalid(text);
            }
            total += term;
        }
        if (negative) {
            return Duration.ofNanos(-total); // -LIMIT is Long.MIN_VALUE, the most negative duration
        }
        if (total < 0) { // LIMIT: one more than the longest duration
            throw invalid(text);
        }
        return Duration.ofNanos(total);
    }

    /** Whether {@code a > b}, both unsigned. */
    private static boolean above(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    private static double unsignedToDouble(long x) {
        return x >= 0 ? x : (double) (x >>> 1) * 2;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("time: invalid duration " + quote(text));
    }

    /** Go's {@code time.quote}: bytes from the space to DEL as is, the others as {@code \xNN}. */
    static String quote(String s) {
        StringBuilder quoted = new StringBuilder(s.length() + 2).append('"');
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20) { // a signed byte: 0x20 to 0x7f; the bytes of non-ASCII characters are negative
                if (b == '"' || b == '\\') {
                    quoted.append('\\');
                }
                quoted.append((char) b);
            } else {
                quoted.append("\\x").append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return quoted.append('"').toString();
    }
}
