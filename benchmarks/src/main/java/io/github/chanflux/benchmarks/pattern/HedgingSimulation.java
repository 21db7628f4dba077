package io.github.chanflux.benchmarks.pattern;

import io.github.chanflux.pattern.HedgeDelay;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The tail latency of a simulated heavy-tailed backend, without hedging and with hedged requests
 * ("The Tail at Scale", Dean and Barroso, CACM 2013), in virtual time: deterministic, no thread,
 * no clock. Each request's attempt k is sent when attempt k - 1 has not answered after the
 * policy's delay (at most {@value #MAX_ATTEMPTS} attempts); the request takes the earliest answer.
 * The delay is {@link HedgeDelay} itself, fed as the operators feed it (the time the first
 * attempt ran). Attempts are independent and the extra load does not slow the backend, so the
 * figures show what hedging can cut, not what a loaded backend would give.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package exec:exec
 * -Dbench.main=io.github.chanflux.benchmarks.pattern.HedgingSimulation} (the JMH arguments that
 * come along are ignored).
 */
public final class HedgingSimulation {

    private static final int REQUESTS = 200_000;
    private static final int MAX_ATTEMPTS = 3;
    private static final long SEED = 2013;

    private HedgingSimulation() {}

    /** One policy's outcome: latency percentiles in milliseconds and extra attempts per request. */
    public record Row(String policy, double p50, double p99, double p999, double extraPercent) {}

    /**
     * Prints p50, p99, p99.9 and the extra attempts per request for no hedging, a fixed delay and
     * a p95 delay.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.printf("%-28s %9s %9s %9s %12s%n", "policy", "p50 ms", "p99 ms", "p99.9 ms", "extra load");
        for (Row row : simulate()) {
            System.out.printf(
                    "%-28s %9.1f %9.1f %9.1f %11.1f%%%n",
                    row.policy(), row.p50(), row.p99(), row.p999(), row.extraPercent());
        }
    }

    /**
     * The three policies over the same simulated backend (the same seed for each).
     *
     * @return one row per policy: no hedging, a fixed 50 ms delay, the p95 of the last 1000
     */
    public static List<Row> simulate() {
        return List.of(
                run("no hedging", null, 1),
                run("fixed 50 ms", HedgeDelay.fixed(Duration.ofMillis(50)), MAX_ATTEMPTS),
                run("p95 of last 1000", HedgeDelay.percentile(95, 1000, Duration.ofMillis(50)), MAX_ATTEMPTS));
    }

    private static Row run(String name, HedgeDelay delay, int maxAttempts) {
        Random backend = new Random(SEED);
        double[] latencies = new double[REQUESTS];
        long attempts = 0;
        for (int r = 0; r < REQUESTS; r++) {
            double d = delay == null ? Double.MAX_VALUE : millis(delay.current());
            double best = latency(backend);
            int sent = 1;
            while (sent < maxAttempts && best > sent * d) {
                best = Math.min(best, sent * d + latency(backend));
                sent++;
            }
            attempts += sent;
            latencies[r] = best;
            if (delay != null) {
                delay.record(Duration.ofNanos((long) (best * 1e6)));
            }
        }
        Arrays.sort(latencies);
        return new Row(
                name,
                pct(latencies, 50),
                pct(latencies, 99),
                pct(latencies, 99.9),
                100.0 * (attempts - REQUESTS) / REQUESTS);
    }

    /**
     * One attempt's latency in milliseconds: mostly about 10 ms (log-normal), but 2% of attempts
     * stall for 100 ms to 2 s (a garbage collection, a queue behind a slow request, a retransmit).
     */
    private static double latency(Random r) {
        if (r.nextDouble() < 0.02) {
            return 100 * Math.pow(20, r.nextDouble());
        }
        return 10 * Math.exp(0.4 * r.nextGaussian());
    }

    private static double pct(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p / 100 * sorted.length) - 1];
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
