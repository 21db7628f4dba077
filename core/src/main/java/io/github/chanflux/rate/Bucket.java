package io.github.chanflux.rate;

/**
 * A {@link Limiter}'s token bucket with x/time/rate's arithmetic ({@code advance},
 * {@code reserveN}, {@code CancelAt}). Mutable: the limiter's lock, whose word lives here,
 * guards it, as Go's {@code Limiter.mu} guards Go's fields. Times are nanoseconds since the epoch.
 */
final class Bucket {

    /** The limiter's lock (Go's {@code Limiter.mu}), beside the fields it guards: 1 while held. */
    volatile int locked;

    /** The refill rate. */
    Limit limit;
    /** {@code limit.nanosForOneToken()}, kept with it. */
    private long nanosForOneToken;
    /** The bucket size. */
    int burst;
    /** The tokens at {@code last} (negative when reserved ahead). */
    private double tokens;
    /** When {@code tokens} was brought up to date. */
    private long last = Long.MIN_VALUE;
    /** The latest time to act of any reservation. */
    long lastEvent = Long.MIN_VALUE;

    /** A full bucket, never used. */
    Bucket(Limit limit, int burst) {
        this.limit = limit;
        this.nanosForOneToken = limit.nanosForOneToken();
        this.burst = burst;
        this.tokens = burst;
    }

    /**
     * The tokens at {@code t}: refilled since {@code last} (or since {@code t} if earlier). A
     * bucket within one token of full that has refilled for {@code nanosForOneToken} is full
     * again: that is what the arithmetic gives (each of its steps is monotonic, and
     * {@code (burst - 1) + 1} is exact), so it is skipped, as it is on most calls to a limiter
     * that is not limiting.
     */
    double tokensAt(long t) {
        if (tokens >= burst - 1
                && nanosForOneToken != Long.MAX_VALUE // a zero or tiny limit: no token, however long
                && Limiter.minus(t, last) >= nanosForOneToken) {
            return burst;
        }
        long from = Math.min(last, t);
        return Math.min(tokens + limit.tokensFromNanos(Limiter.minus(t, from)), burst);
    }

    /**
     * Takes {@code n} tokens at {@code t} (Go's reserveN, once granted) and returns true; false,
     * the bucket unchanged, if that means waiting longer than {@code maxFutureReserve}
     * nanoseconds (forever, with no refill).
     */
    boolean take(long t, int n, long maxFutureReserve) {
        double left = tokensAt(t) - n;
        long wait = left < 0 ? limit.nanosFromTokens(-left) : 0;
        if (wait > maxFutureReserve) {
            return false;
        }
        tokens = left;
        last = t;
        lastEvent = Limiter.plus(t, wait);
        return true;
    }

    /**
     * Cancels {@code r} at {@code t} (Go's CancelAt): tokens no later reservation relies on go
     * back.
     */
    void restore(Reservation r, long t) {
        if (limit.isInf() || r.tokens() == 0 || r.timeToAct() < t) {
            return;
        }
        double restore = r.tokens() - r.limit().tokensFromNanos(Limiter.minus(lastEvent, r.timeToAct()));
        if (restore <= 0) {
            return;
        }
        double restored = Math.min(tokensAt(t) + restore, burst);
        if (r.timeToAct() == lastEvent) {
            long previousEvent = Limiter.plus(r.timeToAct(), r.limit().nanosFromTokens(-r.tokens()));
            if (previousEvent >= t) {
                lastEvent = previousEvent;
            }
        }
        tokens = restored;
        last = t;
    }

    /** Brings the tokens up to date at {@code t}, then sets a new limit. */
    void setLimit(long t, Limit newLimit) {
        tokens = tokensAt(t);
        last = t;
        limit = newLimit;
        nanosForOneToken = newLimit.nanosForOneToken();
    }

    /** Brings the tokens up to date at {@code t}, then sets a new burst. */
    void setBurst(long t, int newBurst) {
        tokens = tokensAt(t);
        last = t;
        burst = newBurst;
    }
}
