package io.github.chanflux.internal;

import io.github.chanflux.chan.Chan;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Hooks into channels that chanflux's own modules need and users should not: not API. The
 * package is exported only to {@code io.github.chanflux.reactor} and {@code io.github.chanflux.test}. The hook reaches the channel
 * by a private lookup, so {@code chan} does not depend on this package (no cycle).
 */
public final class ChanHooks {

    private static final MethodHandle AWAIT_SEND_READY;
    private static final MethodHandle TRY_SEND_ALL;
    private static final MethodHandle WAKES;
    private static final MethodHandle PENDING_WAKES;

    static {
        try {
            MethodHandles.Lookup chan = MethodHandles.privateLookupIn(Chan.class, MethodHandles.lookup());
            AWAIT_SEND_READY = chan.findVirtual(Chan.class, "awaitSendReady", MethodType.methodType(void.class));
            TRY_SEND_ALL = chan.findVirtual(
                    Chan.class, "trySendAll", MethodType.methodType(int.class, Object[].class, int.class, int.class));
            Class<?> waiter = chan.findClass("io.github.chanflux.chan.Waiter");
            WAKES = chan.findStatic(waiter, "wakes", MethodType.methodType(long.class));
            PENDING_WAKES = chan.findStatic(waiter, "pendingWakes", MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ChanHooks() {}

    /**
     * Blocks until a send on {@code chan} would not block: the buffer has room, a receiver is
     * waiting, or the channel is closed. Not in Go: for the Publisher bridge, which requests a
     * value only when it can be delivered (see {@code docs/decisions/0003-await-send-ready.md}).
     * Another sender may take the room first, so the send that follows can still block.
     *
     * @param chan the channel
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitSendReady(Chan<?> chan) throws InterruptedException {
        try {
            AWAIT_SEND_READY.invokeExact(chan);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Sends {@code values[from..to)} on {@code chan} in order, as that many {@code trySend}s
     * one after the other, up to the first that would block, taking the channel lock once for
     * the values that go into the buffer (other operations may come between two values only
     * after a hand-over to a waiting receiver). Not in Go: for the Publisher bridge, whose pump
     * holds a batch from one request.
     *
     * @param chan the channel
     * @param values the values, none null
     * @param from the first index to send
     * @param to the index after the last one to send
     * @return how many were sent
     * @throws IllegalStateException if the channel is closed before the first value is sent
     *     (a close after that ends the batch: the count tells what was sent)
     */
    public static int trySendAll(Chan<?> chan, Object[] values, int from, int to) {
        try {
            return (int) TRY_SEND_ALL.invokeExact(chan, values, from, to);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * How many waits of goroutines in a channel operation or a select have been woken by a
     * counterpart (or a close), or have ended, since the first call, which turns the count on
     * for the rest of the JVM's life. Not in Go, whose {@code testing/synctest} sees the
     * scheduler itself: for {@code FakeClockDriver}, so that hand-overs between goroutines that
     * it cannot catch by looking at their states one after the other still tell it they are not
     * all blocked.
     *
     * @return the count
     */
    public static long wakes() {
        try {
            return (long) WAKES.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * How many of the waits counted by {@link #wakes()} a counterpart has woken and have not yet
     * ended: goroutines about to run, however their thread state reads (a virtual thread just
     * woken can still read as parked). Zero until {@link #wakes()} turns the count on.
     *
     * @return the count
     */
    public static long pendingWakes() {
        try {
            return (long) PENDING_WAKES.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
