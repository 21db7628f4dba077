package io.github.chanflux.examples;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.Duration.String()}, so the tour prints times as the book's programs do: {@code 1s}, {@code 1.000312s}, {@code 150ms}, {@code 1m0s}. */
final class GoDuration {

    private GoDuration() {}

    static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long nanos = d.toNanosPart();
        if (d.toSeconds() == 0) {
            if (nanos == 0) {
                return "0s";
            }
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            if (nanos < 1_000_000) {
                return decimal(nanos, 3) + "µs";
            }
            return decimal(nanos, 6) + "ms";
        }
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        String seconds = decimal(d.toSecondsPart() * 1_000_000_000L + nanos, 9) + "s";
        if (hours > 0) {
            return hours + "h" + minutes + "m" + seconds;
        }
        return minutes > 0 ? minutes + "m" + seconds : seconds;
    }

    /** {@code value} divided by ten to the {@code scale}, without trailing zeros. */
    private static String decimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale).stripTrailingZeros().toPlainString();
    }
}
