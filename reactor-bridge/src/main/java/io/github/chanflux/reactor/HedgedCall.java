package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import io.github.chanflux.pattern.HedgingPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * One subscription to {@link Hedging#hedge}, the subscriber's subscription: the attempts sent,
 * their outcomes and the hedge timer. Attempts answer, fail and time out on any thread; every
 * decision (send the next? end the call?) is taken under {@code this}, which guards no wait and
 * calls no user code except the budget's non-blocking {@code allow()}; subscribing, timers and
 * signals happen outside it. The value is emitted when requested
 * ({@link Operators.MonoSubscriber#complete}); a cancel ends the call.
 */
final class HedgedCall<T> extends Operators.MonoSubscriber<T, T> implements Contender.Contest<T> {

    /** Delays at least this long never fire. */
    private static final Duration NEVER = Duration.ofNanos(Long.MAX_VALUE);

    /** The timer of a call that has none (yet, or with one attempt): disposing it does nothing. */
    private static final Disposable NO_TIMER = Disposables.disposed();

    private final HedgingPolicy policy;
    private final IntFunction<? extends Mono<? extends T>> attempt;
    private final Scheduler scheduler;
    /**
     * Written under {@code this} while the call is not over, so whoever ended it (set
     * {@code over}) reads it without the lock afterwards: the attempts' subscribers, cancelled
     * when the call ends.
     */
    private final Contender<T>[] attempts;
    /** Each attempt's failure; written under {@code this}. */
    private final Throwable[] failures;

    /** When the call started, on the scheduler's clock; 0, unread, for a fixed delay (nothing to record). */
    private final long start;
    /** Under {@code this}: attempts sent, attempts not yet answered, whether the call ended. */
    private int sent;

    private int outstanding;
    private boolean over;
    /** Under {@code this}: the timer of the latest attempt. */
    private Disposable timer = NO_TIMER;

    private HedgedCall(
            CoreSubscriber<? super T> actual,
            HedgingPolicy policy,
            IntFunction<? extends Mono<? extends T>> attempt,
            Scheduler scheduler) {
        super(actual);
        this.policy = policy;
        this.attempt = attempt;
        this.scheduler = scheduler;
        this.failures = new Throwable[policy.maxAttempts()];
        @SuppressWarnings("unchecked")
        Contender<T>[] none = new Contender[policy.maxAttempts()];
        this.attempts = none;
        this.start = policy.delay().isFixed() ? 0 : scheduler.now(TimeUnit.NANOSECONDS);
        this.sent = 1; // attempt 0, sent by MonoHedge.subscribe once the subscriber has its subscription
        this.outstanding = 1;
    }

    /** {@link Hedging#hedge}: each subscription is a new call. */
    static final class MonoHedge<T> extends Mono<T> {

        private final HedgingPolicy policy;
        private final IntFunction<? extends Mono<? extends T>> attempt;
        private final Scheduler scheduler;

        private MonoHedge(HedgingPolicy policy, IntFunction<? extends Mono<? extends T>> attempt, Scheduler scheduler) {
            this.policy = policy;
            this.attempt = attempt;
            this.scheduler = scheduler;
        }

        /** The operator, through Reactor's assembly hooks as its own operators are. */
        static <T> Mono<T> of(
                HedgingPolicy policy, IntFunction<? extends Mono<? extends T>> attempt, Scheduler scheduler) {
            return onAssembly(new MonoHedge<>(policy, attempt, scheduler));
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            HedgedCall<T> call = new HedgedCall<>(actual, policy, attempt, scheduler);
            actual.onSubscribe(call);
            if (!call.isCancelled()) {
                call.send(0);
            }
        }
    }

    /**
     * Arms the timer for the next attempt, then subscribes to attempt {@code id} unless the call
     * is over. The new timer replaces the previous one, unless it is stale: the call is over, or
     * attempt {@code id + 1} was sent already (after a failure). A scheduler that rejects the
     * timer ends the call with that error.
     */
    private void send(int id) {
        int next = id + 1;
        Disposable t = null;
        if (next < policy.maxAttempts()) {
            try {
                t = scheduler.schedule(() -> onDue(next), nanos(policy.delay().current()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                fail(Operators.onRejectedExecution(e, currentContext()));
                return;
            }
        }
        Contender<T> a = new Contender<>(this, id, "hedging: attempt #");
        Disposable stale = t;
        boolean go;
        synchronized (this) {
            go = !over;
            if (go) {
                attempts[id] = a;
                if (t != null && sent == next) {
                    stale = timer;
                    timer = t;
                }
            }
        }
        if (stale != null) {
            stale.dispose();
        }
        if (go) {
            a.enter(attempt);
        }
    }

    /** The latest attempt, {@code next - 1}, has not answered in time: send {@code next} if the budget allows. */
    private void onDue(int next) {
        synchronized (this) {
            if (over || sent != next || !policy.budget().allow()) {
                return;
            }
            sent++;
            outstanding++;
        }
        send(next);
    }

    /** Attempt {@code id} answered: the call ends with {@code value} unless it has ended already. */
    @Override
    public void won(int id, T value) {
        boolean late;
        boolean firstRan;
        Disposable t;
        synchronized (this) {
            late = over; // another attempt won, or the call ended otherwise
            over = true;
            firstRan = failures[0] == null;
            t = timer;
        }
        if (late) {
            Operators.onDiscard(value, currentContext());
            return;
        }
        stop(t);
        complete(value);
        if (firstRan && !policy.delay().isFixed()) { // a clock that stepped back gives no negative latency
            policy.delay().record(Duration.ofNanos(Math.max(0, scheduler.now(TimeUnit.NANOSECONDS) - start)));
        }
    }

    /** Ends the call with a non-retryable error, sends the next attempt, or waits for the others. */
    @Override
    public void failed(int id, Throwable e) {
        Throwable predicateError = null;
        boolean retryable;
        try {
            retryable = policy.retryable().test(e);
        } catch (Throwable t) {
            Exceptions.throwIfFatal(t);
            t.addSuppressed(e);
            predicateError = Operators.onOperatorError(t, currentContext());
            retryable = false;
        }
        int next = -1;
        Throwable end = null;
        synchronized (this) {
            if (over) {
                return;
            }
            outstanding--;
            failures[id] = e;
            if (predicateError != null) {
                end = predicateError; // the policy failed: end the call rather than leave it hanging
            } else if (!retryable) {
                end = e;
            } else if (sent < policy.maxAttempts() && policy.budget().allow()) {
                next = sent++;
                outstanding++;
            } else if (outstanding == 0) {
                end = new AllFailedException(Arrays.asList(failures).subList(0, sent));
            }
            over = end != null;
        }
        if (end != null) {
            end();
            signal(end);
        } else if (next >= 0) {
            send(next);
        }
    }

    /** Ends the call with {@code e}, unless it has ended already (then {@code e} is dropped). */
    private void fail(Throwable e) {
        boolean late;
        synchronized (this) {
            late = over;
            over = true;
        }
        end();
        if (late) {
            Operators.onErrorDropped(e, currentContext());
        } else {
            signal(e);
        }
    }

    /** Tells the subscriber the call failed, unless it has cancelled (then {@code e} is dropped). */
    private void signal(Throwable e) {
        if (isCancelled()) {
            Operators.onErrorDropped(e, currentContext());
        } else {
            actual.onError(e);
        }
    }

    /** The subscriber cancelled: the call ends, no attempt is sent after this. */
    @Override
    public void cancel() {
        super.cancel();
        end();
    }

    /**
     * The call ended (an error or a cancel): stops the timer and cancels the attempts, before
     * the error goes downstream.
     */
    private void end() {
        Disposable t;
        synchronized (this) {
            over = true;
            t = timer;
        }
        stop(t);
    }

    /** Stops the timer {@code t} and cancels the attempts, once the call is over. */
    private void stop(Disposable t) {
        t.dispose();
        for (Contender<T> a : attempts) {
            if (a != null) {
                a.cancel();
            }
        }
    }

    /** The subscriber's context, which every attempt is subscribed with. */
    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    /** {@code d} in nanoseconds, saturated: a delay of centuries is as good as none. */
    private static long nanos(Duration d) {
        return d.compareTo(NEVER) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }
}
