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

    static {
        try {
            AWAIT_SEND_READY = MethodHandles.privateLookupIn(Chan.class, MethodHandles.lookup())
                    .findVirtual(Chan.class, "awaitSendReady", MethodType.methodType(void.class));
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
}
