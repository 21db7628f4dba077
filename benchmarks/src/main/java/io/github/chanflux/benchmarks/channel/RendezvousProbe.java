package io.github.chanflux.benchmarks.channel;

import java.util.concurrent.SynchronousQueue;

/**
 * The host's price of a rendezvous between two virtual threads, with no chanflux code: two
 * virtual threads pass a value back and forth over two {@link SynchronousQueue}s, and the time
 * per round trip is measured second by second. {@code compare.sh} measures it before each area,
 * beside {@link CoreToCore}, and writes both into {@code RESULTS.md}.
 *
 * <p>Why both: in the run of 2026-11-30 21:38, whose forks took turns, the rendezvous rows of
 * every contender were slow in two rounds of three ({@code SynchronousQueue}'s ping-pong 878,
 * 855, then 233 ns a round trip) while {@code CoreToCore} read 52 ns throughout. Moving a cache
 * line between two spinning cores and handing a value between two virtual threads, which park
 * and are woken, are different prices of the host, and they move separately.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package exec:exec
 * -Dbench.main=io.github.chanflux.benchmarks.channel.RendezvousProbe -Dbench= -Djmh.args=5}
 * (the argument is the number of seconds, 5 by default).
 */
public final class RendezvousProbe {

    /** What the first thread sends to end the echo; never a ping. */
    private static final Object STOP = new Object();

    private static final Object PING = new Object();

    private RendezvousProbe() {}

    /**
     * Prints the round trip of each second, then their median.
     *
     * @param args the number of seconds to measure, optional
     * @throws InterruptedException if interrupted while waiting for the threads
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
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static double medianRoundTrip(int seconds, boolean print) throws InterruptedException {
        HostProbe.requireSeconds(seconds);
        SynchronousQueue<Object> there = new SynchronousQueue<>();
        SynchronousQueue<Object> back = new SynchronousQueue<>();
        Thread echo = Thread.ofVirtual().name("rendezvous echo").start(() -> {
            try {
                for (Object v = there.take(); v != STOP; v = there.take()) {
                    back.put(v);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        double[] roundTrips = new double[seconds];
        Throwable[] failed = new Throwable[1];
        Thread pinger = Thread.ofVirtual().name("rendezvous ping").start(() -> {
            try {
                for (int s = 0; s < seconds; s++) {
                    roundTrips[s] = secondOfRoundTrips(there, back);
                }
                there.put(STOP);
            } catch (InterruptedException | RuntimeException e) {
                failed[0] = e;
                echo.interrupt();
            }
        });
        pinger.join();
        echo.join();
        if (failed[0] != null) {
            throw new IllegalStateException("the rendezvous probe failed", failed[0]);
        }
        if (print) {
            for (double r : roundTrips) {
                System.out.printf("round trip %.1f ns%n", r);
            }
        }
        return HostProbe.median(roundTrips);
    }

    /** Pings and waits for the echo for about a second; nanoseconds per round trip. */
    private static double secondOfRoundTrips(SynchronousQueue<Object> there, SynchronousQueue<Object> back)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        long trips = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000; i++) {
                there.put(PING);
                back.take();
            }
            trips += 1_000;
        }
        return (System.nanoTime() - start) / (double) trips;
    }
}
