package io.github.chanflux.benchmarks.channel;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a parked thread takes to run again after {@code LockSupport.unpark}, when the thread
 * that unparks it keeps its own core busy: platform threads (the OS wakes the thread) and
 * virtual threads (the woken thread is queued on the waker's carrier, which stays busy, so the
 * other, idle carrier has to wake up and steal it). No chanflux code runs. It is the price a
 * channel hand-over pays when the counterpart has parked and the waker goes on running: either
 * this wait, or the waker parks too and the woken thread runs on the waker's carrier.
 *
 * <p>Each of {@code rounds} rounds: the waker spins for 200 µs (so the sleeper and its carrier
 * go idle), checks that the sleeper is parked, stamps the time, unparks it and spins until the
 * sleeper has stamped the time it ran (after a second it parks instead, so that nothing hangs,
 * and the round counts with what it took); prints the median and percentiles of the
 * differences.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package exec:exec
 * -Dbench.main=io.github.chanflux.benchmarks.channel.WakeLatency -Dbench= -Djmh.args=2000}
 * (the argument is the number of rounds, 2 000 by default).
 */
public final class WakeLatency {

    private static final long IDLE_NANOS = 200_000;
    /** After this long spinning, the waker parks so that the sleeper can run on its carrier. */
    private static final long GIVE_UP_NANOS = 1_000_000_000L;

    /** The rounds the waker has started; the sleeper runs once per round. */
    private static volatile int round;
    /** When the sleeper ran in the current round; 0 until then. */
    private static volatile long ranAt;

    private WakeLatency() {}

    /**
     * Measures platform threads, then virtual threads.
     *
     * @param args the number of rounds, optional
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 2_000;
        if (rounds < 10) {
            throw new IllegalArgumentException("rounds must be at least 10, got " + rounds);
        }
        print("platform", measure(Thread.ofPlatform(), rounds));
        print("virtual", measure(Thread.ofVirtual(), rounds));
    }

    private static long[] measure(Thread.Builder builder, int rounds) throws InterruptedException {
        round = 0;
        long[] latencies = new long[rounds];
        Thread sleeper = builder.start(() -> {
            for (int seen = 0; seen < rounds; seen++) {
                while (round == seen) {
                    LockSupport.park();
                }
                ranAt = System.nanoTime();
            }
        });
        Thread waker = builder.start(() -> {
            for (int i = 0; i < rounds; i++) {
                spinUntil(System.nanoTime() + IDLE_NANOS);
                while (sleeper.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
                ranAt = 0;
                long unparkedAt = System.nanoTime();
                round = i + 1;
                LockSupport.unpark(sleeper);
                spinUntilRanOr(unparkedAt + GIVE_UP_NANOS);
                while (ranAt == 0) { // no carrier took it in a second: let it have the waker's
                    LockSupport.parkNanos(1_000_000);
                }
                latencies[i] = ranAt - unparkedAt;
            }
        });
        waker.join();
        sleeper.join();
        return latencies;
    }

    private static void spinUntilRanOr(long deadline) {
        while (ranAt == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static void spinUntil(long deadline) {
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static void print(String kind, long[] latencies) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        System.out.printf(
                "%s threads: unpark to running, median %.1f µs (p10 %.1f, p90 %.1f, p99 %.1f) over %d rounds%n",
                kind,
                sorted[n / 2] / 1e3,
                sorted[n / 10] / 1e3,
                sorted[9 * n / 10] / 1e3,
                sorted[99 * n / 100] / 1e3,
                n);
    }
}
