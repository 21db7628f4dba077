package io.github.chanflux.chan;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM-wide hang of the reliability issue (item 1), as a program for a child JVM with two
 * carrier threads. A virtual thread holds channel {@code a}'s lock while it is unmounted, as a
 * select does while it waits in {@code lockAll} for the lock of its next channel. Meanwhile
 * virtual threads with their interrupt status set call {@code a.tryReceive()} and contend for
 * the lock, more of them than there are carriers. If such a thread spins without giving up its
 * carrier (as it did: {@code parkNanos} returns at once for an interrupted thread), the holder
 * never gets a carrier back to release the lock, and no virtual thread in the JVM runs again.
 * Exits 0 once every thread has finished.
 *
 * <p>Arguments: the number of rounds (default 20) and of interrupted threads per round
 * (default 4, twice the carriers).
 */
public final class InterruptedLockStorm {

    private InterruptedLockStorm() {}

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int spinners = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        for (int round = 0; round < rounds; round++) {
            round(spinners);
        }
        System.out.println("ok: " + rounds + " rounds of " + spinners + " interrupted threads");
    }

    private static void round(int spinners) throws InterruptedException {
        Chan<Integer> a = Chan.make(1);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual()
                .start(
                        () -> { // as a select in lockAll, waiting for its next lock
                            a.lock();
                            locked.countDown();
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                throw new AssertionError(e);
                            } finally {
                                a.unlockAndWake();
                            }
                        });
        locked.await();
        CountDownLatch contending = new CountDownLatch(spinners);
        List<Thread> contenders = new ArrayList<>();
        for (int i = 0; i < spinners; i++) {
            contenders.add(Thread.ofVirtual().start(() -> {
                Thread.currentThread().interrupt();
                contending.countDown();
                a.tryReceive();
                if (!Thread.interrupted()) {
                    throw new AssertionError("the interrupt status was lost");
                }
            }));
        }
        contending.await();
        release.countDown();
        holder.join();
        for (Thread t : contenders) {
            t.join();
        }
    }
}
