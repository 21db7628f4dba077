package io.github.chanflux.rate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens reserved from a {@link Limiter} for an event that may happen later: Go's
 * {@code rate.Reservation} ("Concurrency in Go" 5.5).
 *
 * <p>If {@link #ok()}, the event may happen after {@link #delay()}. A caller that will not act
 * {@linkplain #cancel() cancels}: as many tokens go back as the limiter can restore without
 * letting reservations made after this one act earlier than they were promised.
 */
public final class Reservation {

    private final Limiter limiter;
    private final boolean ok;
    private final int tokens;
    /** When the event may happen, in limiter nanoseconds; meaningful only if ok. */
    private final long timeToAct;
    /** The limit at reservation time: a later {@code setLimit} does not change the math. */
    private final Limit limit;
    /** Whether it has been cancelled; under the limiter's lock. */
    boolean cancelled;

    Reservation(Limiter limiter, boolean ok, int tokens, long timeToAct, Limit limit) {
        this.limiter = limiter;
        this.ok = ok;
        this.tokens = tokens;
        this.timeToAct = timeToAct;
        this.limit = limit;
    }

    /** Whether the limiter can grant the tokens within the maximum wait. */
    public boolean ok() {
        return ok;
    }

    /** How long to wait from now before acting; see {@link #delayFrom(Instant)}. */
    public Duration delay() {
        return delayFrom(limiter.nowNanos());
    }

    /**
     * How long to wait from {@code t} before acting: zero means act at once. A reservation that
     * is not {@link #ok()} returns a practically infinite duration (Go's {@code InfDuration}).
     */
    public Duration delayFrom(Instant t) {
        return delayFrom(Limiter.nanos(t));
    }

    /** {@link #delayFrom(Instant)} from {@code t} in nanoseconds since the epoch. */
    Duration delayFrom(long t) {
        if (!ok) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        return Duration.ofNanos(Math.max(0, Limiter.minus(timeToAct, t)));
    }

    /** Gives the tokens back, as far as possible; see {@link #cancelAt(Instant)}. */
    public void cancel() {
        cancelAt(limiter.now());
    }

    /**
     * Gives the tokens back as of {@code t}: Go's {@code CancelAt}. Nothing happens if the
     * reservation is not ok, the time to act has passed, or the limit is infinite. Tokens that
     * later reservations already count on are not restored. Only the first cancel counts: Go's
     * {@code CancelAt}, called again, gives tokens back again (more than the reservation held,
     * since the first call moved the limiter's last event back); here it does nothing.
     */
    public void cancelAt(Instant t) {
        Objects.requireNonNull(t, "t");
        if (ok) {
            limiter.restore(this, Limiter.nanos(t));
        }
    }

    int tokens() {
        return tokens;
    }

    long timeToAct() {
        return timeToAct;
    }

    Limit limit() {
        return limit;
    }

    @Override
    public String toString() {
        return ok ? "Reservation[ok, tokens=" + tokens + "]" : "Reservation[not ok]";
    }
}
