package io.github.chanflux.context;

import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.DateTimeException;
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
    /** Set once, after the link; {@link #onCancel} and {@link #create} both check, so one stops it. */
    private volatile Timer timer;

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
        } else if (!c.isCanceled()) {
            Timer t = clock.afterFunc(left, () -> c.cancel(true, Context.DEADLINE_EXCEEDED, cause));
            c.timer = t;
            if (c.isCanceled()) {
                t.stop(); // canceled while arming: onCancel may have missed the timer
            }
        }
        return c;
    }

    /**
     * {@code now + timeout}, saturated at {@link Instant#MIN} and {@link Instant#MAX} as Go's
     * durations saturate: a huge timeout is effectively no deadline, a huge negative one has passed.
     */
    static Instant deadlineAfter(Instant now, Duration timeout) {
        try {
            return now.plus(timeout);
        } catch (DateTimeException | ArithmeticException beyondInstantRange) {
            return timeout.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.of(deadline);
    }

    @Override
    void onCancel() {
        Timer t = timer;
        if (t != null) {
            t.stop();
        }
    }

    @Override
    public String layer() {
        return ".WithDeadline(" + deadline + " [" + Duration.between(clock.now(), deadline) + "])";
    }
}
