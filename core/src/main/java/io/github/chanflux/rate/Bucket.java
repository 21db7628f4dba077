package io.github.chanflux.rate;

/**
 * The state of a {@link Limiter}'s token bucket at one instant, immutable, with x/time/rate's
 * arithmetic ({@code advance}, {@code reserveN}, {@code CancelAt}) as pure functions. Times are
 * nanoseconds since the epoch.
 *
 * @param limit the refill rate
 * @param burst the bucket size
 * @param tokens the tokens at {@code last} (negative when reserved ahead)
 * @param last when {@code tokens} was brought up to date
 * @param lastEvent the latest time to act of any reservation
 */
record Bucket(Limit limit, int burst, double tokens, long last, long lastEvent) {

    /** A full bucket, never used. */
    static Bucket full(Limit limit, int burst) {
        return new Bucket(limit, burst, burst, Long.MIN_VALUE, Long.MIN_VALUE);
    }

    /** The tokens at {@code t}: refilled since {@code last} (or since {@code t} if earlier). */
    double tokensAt(long t) {
        long from = Math.min(last, t);
        return Math.min(tokens + limit.tokensFromNanos(Limiter.minus(t, from)), burst);
    }

    /**
     * After taking {@code n} tokens at {@code t} (Go's reserveN, once granted); null if that
     * means waiting longer than {@code maxFutureReserve} nanoseconds (forever, with no refill).
     */
    Bucket take(long t, int n, long maxFutureReserve) {
        double left = tokensAt(t) - n;
        long wait = left < 0 ? limit.nanosFromTokens(-left) : 0;
        if (wait > maxFutureReserve) {
            return null;
        }
        return new Bucket(limit, burst, left, t, Limiter.plus(t, wait));
    }

    /**
     * After cancelling {@code r} at {@code t} (Go's CancelAt): tokens no later reservation
     * relies on go back. Returns this bucket if nothing is restored.
     */
    Bucket restore(Reservation r, long t) {
        if (limit.isInf() || r.tokens() == 0 || r.timeToAct() < t) {
            return this;
        }
        double restore = r.tokens() - r.limit().tokensFromNanos(Limiter.minus(lastEvent, r.timeToAct()));
        if (restore <= 0) {
            return this;
        }
        double restored = Math.min(tokensAt(t) + restore, burst);
        long event = lastEvent;
        if (r.timeToAct() == lastEvent) {
            long previousEvent = Limiter.plus(r.timeToAct(), r.limit().nanosFromTokens(-r.tokens()));
            if (previousEvent >= t) {
                event = previousEvent;
            }
        }
        return new Bucket(limit, burst, restored, t, event);
    }

    /** Brought up to date at {@code t}, then with a new limit. */
    Bucket withLimit(long t, Limit newLimit) {
        return new Bucket(newLimit, burst, tokensAt(t), t, lastEvent);
    }

    /** Brought up to date at {@code t}, then with a new burst. */
    Bucket withBurst(long t, int newBurst) {
        return new Bucket(limit, newBurst, tokensAt(t), t, lastEvent);
    }
}
