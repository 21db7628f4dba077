package io.github.chanflux.chan;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread blocked in a channel operation or a select: Go's {@code g} with its
 * {@code selectDone} flag. Its {@link Node}s wait in channel queues, one per case.
 *
 * <p>In each wait the state moves once, from {@link #WAITING} to a final value: the index of the
 * case a counterpart completed ({@link #claim}), or {@link #INTERRUPTED} when the waiter gives up
 * ({@link #giveUp}). A waiter serves one wait, except a prepared select's, which it
 * {@linkplain #reset resets} for the next. The single compare-and-set decides every race between a counterpart and
 * an interrupt, so an operation either happened or did not. (Timeouts are receive cases on a
 * timer's channel, as in Go, so they need nothing here.)
 * A counterpart writes the node's fields before its claim, which publishes them. A
 * {@link Node}, the only subclass, may be its own waiter (see there).
 */
class Waiter {

    static final int WAITING = -1;
    static final int INTERRUPTED = -2;

    /**
     * The most a rendezvous spins before parking: on an unbuffered channel the counterpart is
     * often already running on another core, and a waiter that parks gives its core away (to
     * another process, on a busy machine), so the hand-off then waits for an OS wake-up. Each
     * unbuffered channel adapts its own budget between {@link #MIN_SPINS} and this
     * ({@code Chan.spins}). Buffered channels park at once; measured on 2 cores, spinning there
     * only delays the thread that would fill or drain the buffer (as Jox finds).
     */
    static final int RENDEZVOUS_SPINS = Runtime.getRuntime().availableProcessors() > 1 ? 512 : 0;

    /** The least an unbuffered channel's waiter spins, so that a budget can grow again. */
    static final int MIN_SPINS = Math.min(16, RENDEZVOUS_SPINS);

    /** Wake-ups and ends of waits, once {@link #wakes()} has turned the count on. */
    private static final AtomicLong WAKES = new AtomicLong();
    /** Waits woken (and counted) that have not yet ended: their threads are about to run. */
    private static final AtomicLong PENDING = new AtomicLong();

    private static volatile boolean countingWakes;

    /** {@link #counted}: a counterpart's wake-up was counted, the wait has not ended. */
    private static final byte WOKEN = 1;
    /** {@link #counted}: the wait has ended; a wake-up that comes later is not counted. */
    private static final byte ENDED = 2;

    private static final VarHandle STATE;
    private static final VarHandle PARKING;
    private static final VarHandle COUNTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(Waiter.class, "state", int.class);
            PARKING = lookup.findVarHandle(Waiter.class, "parking", boolean.class);
            COUNTED = lookup.findVarHandle(Waiter.class, "counted", byte.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The thread that waits. Set again by {@link #reset}; a late {@link #wake} from a finished
     * wait may read either value and so unpark the wrong thread once, which every park loop
     * tolerates (a spurious wake-up).
     */
    private Thread thread = Thread.currentThread();
    /**
     * The state plus one, so that {@link #WAITING} is the field's default: a new waiter needs
     * no volatile store (a full fence on x86), only the lock release that publishes its nodes.
     */
    private volatile int state;
    /**
     * Set once the waiter has stopped spinning and is about to park: only then does a
     * counterpart need to unpark it (as {@code LinkedTransferQueue}'s {@code waiter} field).
     * Written before the waiter re-reads {@code state}, read after the counterpart's claim, so
     * one of the two sees the other.
     */
    private volatile boolean parking;
    /**
     * Only while wake-ups are counted ({@link #wakes()}): 0, {@link #WOKEN} or {@link #ENDED},
     * so that a wait woken and not yet ended is counted as pending exactly once.
     */
    private volatile byte counted;

    /**
     * Makes a finished waiter wait again, for the current thread: a prepared select's next block
     * ({@code Select.Prepared}). The caller holds the lock of every channel this waiter has
     * nodes on, and no queue holds them any more, so no counterpart can claim it meanwhile; the
     * plain writes are published by those locks' release, as a new waiter's defaults are.
     */
    void reset() {
        thread = Thread.currentThread();
        STATE.set(this, 0);
        PARKING.set(this, false);
        COUNTED.set(this, (byte) 0);
    }

    /** Completes case {@code caseIndex} for this waiter; false if it has already finished. */
    boolean claim(int caseIndex) {
        return STATE.compareAndSet(this, 0, caseIndex + 1);
    }

    /** Abandons the wait with {@code reason}; false if a counterpart has already claimed it. */
    private boolean giveUp(int reason) {
        return STATE.compareAndSet(this, 0, reason + 1);
    }

    /** Whether the wait went past its spin and parked (or was about to). */
    boolean parked() {
        return parking;
    }

    boolean isWaiting() {
        return state == 0;
    }

    /** Unparks the thread, unless it is still spinning and so will see its state by itself. */
    void wake() {
        if (parking) {
            if (countingWakes && COUNTED.compareAndSet(this, (byte) 0, WOKEN)) {
                PENDING.incrementAndGet();
                WAKES.incrementAndGet();
            }
            LockSupport.unpark(thread);
        }
    }

    /**
     * How many waits have been woken or have ended since the first call, which turns the count
     * on for the rest of the JVM's life: for a test driver that must tell goroutines that are
     * all blocked from goroutines handing values to each other faster than it can look at them
     * ({@code FakeClockDriver}; reached through {@code io.github.chanflux.internal.ChanHooks}).
     * A wait that went past its spin is counted when a counterpart wakes it (before the unpark)
     * and again when it ends (once its thread runs), and a woken wait is
     * {@linkplain #pendingWakes pending} in between, so a goroutine that moves on from a wait is
     * seen to move whatever its thread state reads meanwhile (a virtual thread just woken can
     * still read as parked). A wait that ends in its spin was runnable throughout and is not
     * counted, so the spin pays nothing; until the first call, a wait past its spin pays one
     * read of a flag.
     */
    static long wakes() {
        countingWakes = true;
        return WAKES.get();
    }

    /**
     * How many waits a counterpart has woken that have not yet ended: goroutines about to run,
     * whatever their thread state reads. Zero until {@link #wakes()} has turned the count on.
     */
    static long pendingWakes() {
        return PENDING.get();
    }

    /** Counts the end of this wait, while wake-ups are counted. */
    private void countEnd() {
        WAKES.incrementAndGet();
        if (!COUNTED.compareAndSet(this, (byte) 0, ENDED)) { // woken, and counted as pending
            COUNTED.set(this, ENDED);
            PENDING.decrementAndGet();
        }
    }

    /**
     * Blocks until the state is final and returns it.
     *
     * @param spins how many times to check the state before parking
     * @return the claimed case index, or {@link #INTERRUPTED}; when an interrupt lost the race
     *     to a claim, the interrupt status is set again
     */
    int await(int spins) {
        for (int i = 0; i < spins; i++) {
            int s = state;
            if (s != 0) {
                return s - 1; // never parked, so never counted as woken: nothing to count
            }
            Thread.onSpinWait();
        }
        parking = true;
        boolean interrupted = false;
        int s;
        while ((s = state - 1) == WAITING) {
            if (Thread.interrupted()) {
                interrupted = true;
                giveUp(INTERRUPTED);
            } else {
                LockSupport.park(this);
            }
        }
        if (countingWakes) {
            countEnd();
        }
        if (interrupted && s != INTERRUPTED) {
            Thread.currentThread().interrupt();
        }
        return s;
    }
}
