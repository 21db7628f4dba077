package io.github.chanflux.benchmarks.channel;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The host's price of moving a cache line between two cores: two platform threads bounce a
 * counter, each spinning until it sees the other's increment, and the time per round trip is
 * printed once a second. Both threads spin flat out for the whole run. No chanflux code runs;
 * every channel hand-over between two carriers pays at least this. On the virtual machines
 * these benchmarks run on, it is not a constant of the machine: it read about 330 ns, then
 * 52-78 ns, within ten minutes (2026-11-30), as the host placed the two virtual CPUs on farther
 * or nearer cores, and channel figures moved by as much over the same minutes
 * ({@code benchmarks/README.md}). {@code compare.sh} measures it before the Go harness, before
 * each area's JMH runs and at the end, and writes the figures into {@code RESULTS.md}.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package exec:exec
 * -Dbench.main=io.github.chanflux.benchmarks.channel.CoreToCore -Dbench= -Djmh.args=5} (the
 * argument is the number of seconds, 5 by default).
 */
public final class CoreToCore {

    /** Odd: the caller has incremented and waits for the echo; negative: stop. */
    private static final AtomicLong BALL = new AtomicLong();

    private CoreToCore() {}

    /**
     * Prints the round trip of each second, then their median.
     *
     * @param args the number of seconds to measure, optional
     * @throws InterruptedException if interrupted while stopping the echo thread
     */
    public static void main(String[] args) throws InterruptedException {
        int seconds = HostProbe.seconds(args);
        System.out.printf("median %.1f ns over %d s%n", medianRoundTrip(seconds, true), seconds);
    }

    /**
     * Measures for {@code seconds} seconds; returns the median of the seconds' round trips.
     *
     * @param seconds how long to measure, at least 1
     * @param print whether to print each second's round trip
     * @return nanoseconds per round trip, the median of the seconds
     * @throws InterruptedException if interrupted while stopping the echo thread
     */
    public static double medianRoundTrip(int seconds, boolean print) throws InterruptedException {
        HostProbe.requireSeconds(seconds);
        BALL.set(0);
        Thread echo = new Thread(CoreToCore::echo, "core-to-core echo");
        echo.start();
        double[] roundTrips = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            roundTrips[s] = secondOfRoundTrips();
            if (print) {
                System.out.printf("round trip %.1f ns%n", roundTrips[s]);
            }
        }
        BALL.set(Long.MIN_VALUE);
        echo.join();
        return HostProbe.median(roundTrips);
    }

    /** Sends the ball and waits for it to come back, for about a second; nanoseconds per round trip. */
    private static double secondOfRoundTrips() {
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        long trips = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                long even = BALL.get();
                BALL.set(even + 1);
                while (BALL.get() == even + 1) {
                    // a bare spin: Thread.onSpinWait() would add its own pause to every trip
                }
            }
            trips += 10_000;
        }
        return (System.nanoTime() - start) / (double) trips;
    }

    /** Answers each odd value with the next even one, until the ball is negative. */
    private static void echo() {
        while (true) {
            long v = BALL.get();
            if (v < 0) {
                return;
            }
            if ((v & 1) == 1) {
                BALL.set(v + 1);
            }
        }
    }
}
