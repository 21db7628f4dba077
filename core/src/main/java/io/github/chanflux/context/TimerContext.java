package io.github.chanflux.context;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Context#withDeadline} and {@link Context#withTimeout}: Go's {@code timerCtx}, a
 * cancel context with a deadline and a timer on the context's {@link Clock}. The timer is
 * stopped as soon as the context is canceled for any reason, so a finished context leaves
 * nothing in the scheduler.
 */
final class TimerContext extends CancelContext {

    private final Instant deadline;
    private final Clock clock;
    private Timer timer;

    private TimerContext(Context parent, Instant deadline, Clock clock) {
        super(parent);
        this.deadline = deadline;
        this.clock = clock;
    }

    /** Go's {@code WithDeadlineCause}; {@code cause} null means DeadlineExceeded. */
    static CancelableContext create(Context parent, Instant deadline, Throwable cause) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(deadline, "deadline");
        Optional<Instant> current = parent.deadline();
        if (current.isPresent() && current.get().isBefore(deadline)) {
            return CancelContext.create(parent); // the parent's sooner deadline governs
        }
        Clock clock = Context.clock(parent);
        TimerContext c = new TimerContext(parent, deadline, clock);
        c.propagateCancel();
        Duration left = Duration.between(clock.now(), deadline);
        if (!left.isPositive()) {
            c.cancel(true, Context.DEADLINE_EXCEEDED, cause);
            return c;
        }
        c.lock.lock();
        try {
            if (!c.canceledLocked()) {
                c.timer = clock.afterFunc(left, () -> c.cancel(true, Context.DEADLINE_EXCEEDED, cause));
            }
        } finally {
            c.lock.unlock();
        }
        return c;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.of(deadline);
    }

    @Override
    void cancel(boolean removeFromParent, Exception err, Throwable cause) {
        super.cancel(false, err, cause);
        if (removeFromParent) {
            removeChild(parent, this);
        }
        lock.lock();
        try {
            if (timer != null) {
                timer.stop();
                timer = null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return parent + ".WithDeadline(" + deadline + " [" + Duration.between(clock.now(), deadline) + "])";
    }
}
