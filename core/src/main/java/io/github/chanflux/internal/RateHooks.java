package io.github.chanflux.internal;

import io.github.chanflux.context.Context;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.Reservation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Hooks into rate limiters that chanflux's own modules need and users should not: not API. The
 * package is exported only to {@code io.github.chanflux.reactor}. The hook reaches the limiter
 * by a private lookup, as {@link ChanHooks} reaches channels.
 */
public final class RateHooks {

    private static final MethodHandle RESERVE_TO_WAIT;

    static {
        try {
            RESERVE_TO_WAIT = MethodHandles.privateLookupIn(Limiter.class, MethodHandles.lookup())
                    .findVirtual(
                            Limiter.class,
                            "reserveToWait",
                            MethodType.methodType(Reservation.class, Context.class, int.class, Instant.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RateHooks() {}

    /**
     * The first half of Go's {@code limiter.WaitN(ctx, n)} at {@code t}: reserves {@code n}
     * tokens only if the caller could act before the context's deadline (Go's
     * {@code maxFutureReserve}), so a wait that fails takes nothing, even while other callers
     * reserve at the same time. For the reactor module's non-blocking {@code acquire}, which then
     * waits on a scheduler.
     *
     * @return the reservation, which is ok
     * @throws IllegalArgumentException if {@code n} exceeds the burst and the limit is finite
     * @throws TimeoutException if the wait would outlast the context's deadline, or the
     *     context's error if it is done (unchecked errors as they are)
     */
    public static Reservation reserveToWait(Limiter limiter, Context ctx, int n, Instant t) throws TimeoutException {
        try {
            return (Reservation) RESERVE_TO_WAIT.invokeExact(limiter, ctx, n, t);
        } catch (TimeoutException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }
}
