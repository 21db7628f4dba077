package io.github.chanflux.benchmarks.channel;

import java.lang.management.ManagementFactory;

/**
 * The heap a goroutine parked on a channel receive holds: used heap after starting {@link #N}
 * virtual threads that all block receiving from one unbuffered channel, minus the same before,
 * divided by {@link #N}. Each reading is the smallest of three after {@code System.gc()} (a full,
 * compacting collection with G1). What it counts is everything a parked virtual thread keeps on
 * the heap: its {@code Thread} object and continuation, the stack chunk its frames were copied
 * to when it parked, its task, and the channel's record of the waiting receiver; a parked
 * virtual thread has no native stack. The scheduler is started, the classes loaded and the code
 * compiled (10 rounds of 10 000 parked threads) before the baseline: a thread parked from
 * interpreted code leaves a stack chunk about twice as large. Run in a fresh JVM per measurement
 * by {@code report.Compare} (argument: the contender, {@code chanflux} or {@code jox}); prints
 * {@code sample ParkedMemory[contender=…] <bytes> B}. Mirrors {@code BenchmarkScaling_parked} in
 * {@code benchmarks/go/scaling_test.go}.
 */
public final class ParkedMemory {

    /** How many goroutines are parked (as many as on the Go side). */
    static final int N = 100_000;

    private static final int WARM_UP_ROUNDS = 10;

    private ParkedMemory() {}

    public static void main(String[] args) throws InterruptedException {
        String contender = args[0];
        // The scheduler, the classes and compiled code for park and receive, outside the baseline
        // (an interpreted frame takes more room in a stack chunk than a compiled one).
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            Thread[] warm = new Thread[N / 10];
            park(contender, warm).close();
            for (Thread t : warm) {
                t.join();
            }
        }
        Thread[] threads = new Thread[N];
        long before = usedHeap();
        Lane lane = park(contender, threads);
        long after = usedHeap();
        lane.close();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("sample ParkedMemory[contender=%s] %.1f B%n", contender, (double) (after - before) / N);
    }

    /** Starts {@code threads.length} virtual threads receiving from one channel; returns when all are parked. */
    private static Lane park(String contender, Thread[] threads) throws InterruptedException {
        Lane lane = Lane.of(contender, 0);
        for (int i = 0; i < threads.length; i++) {
            threads[i] = Thread.ofVirtual().start(() -> Lane.unchecked(lane::receive));
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.sleep(1);
            }
        }
        return lane;
    }

    /** Used heap after a full GC: the smallest of three readings. */
    private static long usedHeap() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(
                    best,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
