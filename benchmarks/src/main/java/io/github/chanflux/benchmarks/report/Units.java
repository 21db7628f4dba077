package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;

/** Units: JMH's score units to nanoseconds, and a measured figure to a readable cell. */
final class Units {

    /** The unit of a time per op. */
    static final String NANOS = "ns";

    private Units() {}

    static double toNanos(String scoreUnit) {
        return switch (scoreUnit) {
            case "ns/op" -> 1;
            case "us/op" -> 1e3;
            case "ms/op" -> 1e6;
            case "s/op" -> 1e9;
            default -> throw new IllegalArgumentException("not a time per op: " + scoreUnit);
        };
    }

    /** {@code median (min–max) unit}: a time in the unit that suits the median, anything else in its own. */
    static String cell(Sample s) {
        if (!s.time()) {
            return number(s.median()) + " (" + number(s.min()) + "–" + number(s.max()) + ") " + s.unit();
        }
        double scale = s.median() < 1e3 ? 1 : s.median() < 1e6 ? 1e3 : 1e6;
        String unit = scale == 1 ? "ns" : scale == 1e3 ? "µs" : "ms";
        return number(s.median() / scale) + " (" + number(s.min() / scale) + "–" + number(s.max() / scale) + ") "
                + unit;
    }

    private static String number(double v) {
        return v < 10 ? String.format("%.2f", v) : v < 100 ? String.format("%.1f", v) : String.format("%.0f", v);
    }
}
