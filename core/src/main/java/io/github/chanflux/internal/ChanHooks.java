package io.github.chanflux.internal;

import io.github.chanflux.chan.Chan;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Hooks into channels that chanflux's own modules need and users should not: not API. The
 * package is exported only to {@code io.github.chanflux.reactor}. The hook reaches the channel
 * by a private lookup, so {@code chan} does not depend on this package (no cycle).
 */
public final class ChanHooks {

    private static final MethodHandle AWAIT_SEND_READY;
    private static final MethodHandle AWAIT_RECEIVED;
    private static final MethodHandle RECEIVED;

    static {
        try {
            MethodHandles.Lookup chan = MethodHandles.privateLookupIn(Chan.class, MethodHandles.lookup());
            AWAIT_SEND_READY = chan.findVirtual(Chan.class, "awaitSendReady", MethodType.methodType(void.class));
            AWAIT_RECEIVED =
                    chan.findVirtual(Chan.class, "awaitReceived", MethodType.methodType(void.class, long.class));
            RECEIVED = chan.findVirtual(Chan.class, "received", MethodType.methodType(long.class));
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
     * Blocks until {@code total} values in all have been received from {@code chan}, or it is
     * closed. Not in Go: for the Publisher bridge to a buffered channel, which requests more
     * values once enough of those already out have been received. One thread at a time.
     *
     * @param chan the channel
     * @param total the count of values received to wait for
     * @throws IllegalStateException if another thread is already waiting on {@code chan}
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitReceived(Chan<?> chan, long total) throws InterruptedException {
        try {
            AWAIT_RECEIVED.invokeExact(chan, total);
        } catch (InterruptedException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * How many values have been received from {@code chan} so far.
     *
     * @param chan the channel
     * @return the count
     */
    public static long received(Chan<?> chan) {
        try {
            return (long) RECEIVED.invokeExact(chan);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
