package io.github.chanflux.reactor;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.rate.Limiter;
import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound that taking a channel's lock, or a rate limiter's, is not a blocking call. Loaded by
 * {@code BlockHound.install()} through {@link java.util.ServiceLoader} when BlockHound is on the
 * class path (an optional dependency); without BlockHound this class is never touched.
 *
 * <p>Why: a non-blocking channel operation ({@code trySend}, {@code tryReceive}, {@code len}, a
 * select with a default) may be called from a Reactor non-blocking thread, as the subscriber
 * behind {@link ChanFlux#toChan} does in {@code onNext}. It never waits for a counterpart, but it
 * takes the channel's lock, which under contention spins, yields and then parks for a few
 * microseconds until the holder leaves a critical section of a few dozen instructions that
 * never blocks. Go's runtime lock behaves the same (spin, then futex sleep) and Go counts a
 * select with a default as non-blocking. Only that lock's wait is allowed; a channel operation
 * that waits for a counterpart on a non-blocking thread is still reported.
 *
 * <p>Likewise a rate {@link Limiter}'s lock, which guards a few arithmetic operations on its
 * bucket ({@code allow()} is called on Reactor threads by {@link RateLimit} and by a hedging
 * budget): a caller that finds it held parks for the shortest time and tries again.
 *
 * <p>Likewise a cancel of {@link ChanFlux#fromChan} that meets a receive of the flux under way
 * (a {@code tryReceive} on the requesting thread, or the flux's goroutine between starting a
 * receive and parking in it) waits, spinning, for it to park or return: a few lock acquisitions
 * that never wait for a counterpart ({@code ChanPublisher.Drain#awaitReceiveStopped}).
 */
public final class ChanBlockHoundIntegration implements BlockHoundIntegration {

    /** Called by {@link java.util.ServiceLoader} when BlockHound installs its integrations. */
    public ChanBlockHoundIntegration() {}

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(Chan.class.getName(), "lockContended");
        builder.allowBlockingCallsInside(Limiter.class.getName(), "lockContended");
        builder.allowBlockingCallsInside(ChanPublisher.Drain.class.getName(), "awaitReceiveStopped");
    }
}
