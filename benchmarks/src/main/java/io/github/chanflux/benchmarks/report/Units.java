package io.github.chanflux.benchmarks.report;

import io.github.chanflux.benchmarks.report.Compare.Sample;

/** Time units: JMH's score units to nanoseconds, and nanoseconds to a readable cell. */
final class Units {

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

    /** {@code median (min–max) unit}, in the unit that suits the median. */
    static String cell(Sample s) {
        double scale = s.median() < 1e3 ? 1 : s.median() < 1e6 ? 1e3 : 1e6;
        String unit = scale == 1 ? "ns" : scale == 1e3 ? "µs" : "ms";
        return number(s.median() / scale) + " (" + number(s.min() / scale) + "–" + number(s.max() / scale) + ") "
                + unit;
    }

    private static String number(double v) {
        return v < 10 ? String.format("%.2f", v) : v < 100 ? String.format("%.1f", v) : String.format("%.0f", v);
    }
}
