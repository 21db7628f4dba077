package io.github.chanflux.reactor;

import io.github.chanflux.pattern.AllFailedException;
import io.github.chanflux.pattern.HedgingPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * One subscription to {@link Hedging#hedge}: the attempts sent, their outcomes and the hedge
 * timer. Attempts answer, fail and time out on any thread; every decision (send the next? end
 * the call?) is taken under {@code this}, which guards no wait and calls no user code except the
 * budget's non-blocking {@code allow()}; subscribing, timers and signals happen outside it.
 */
final class HedgedCall<T> implements Contender.Contest<T> {

    private final HedgingPolicy policy;
    private final IntFunction<? extends Mono<? extends T>> attempt;
    private final Scheduler scheduler;
    private final MonoSink<T> sink;
    /** Under {@code this}: the attempts' subscribers, cancelled when the call ends. */
    private final Contender<T>[] attempts;
    /** Each attempt's failure; written under {@code this}. */
    private final Throwable[] failures;

    private final long start;
    /** Under {@code this}: attempts sent, attempts not yet answered, whether the call ended. */
    private int sent;

    private int outstanding;
    private boolean over;
    /** Under {@code this}: the timer of the latest attempt. */
    private Disposable timer = Disposables.disposed();

    HedgedCall(
            HedgingPolicy policy,
            IntFunction<? extends Mono<? extends T>> attempt,
            Scheduler scheduler,
            MonoSink<T> sink) {
        this.policy = policy;
        this.attempt = attempt;
        this.scheduler = scheduler;
        this.sink = sink;
        this.failures = new Throwable[policy.maxAttempts()];
        @SuppressWarnings("unchecked")
        Contender<T>[] none = new Contender[policy.maxAttempts()];
        this.attempts = none;
        this.start = scheduler.now(TimeUnit.NANOSECONDS);
    }

    void start() {
        sink.onDispose(this::end);
        synchronized (this) {
            sent = 1;
            outstanding = 1;
        }
        send(0);
    }

    /** Arms the timer for the next attempt, then subscribes to attempt {@code id}. */
    private void send(int id) {
        if (id + 1 < policy.maxAttempts()) {
            arm(
                    id + 1,
                    scheduler.schedule(() -> onDue(id + 1), nanos(policy.delay().current()), TimeUnit.NANOSECONDS));
        }
        Contender<T> a = new Contender<>(this, id, "hedging: attempt #");
        synchronized (this) {
            if (over) {
                return;
            }
            attempts[id] = a;
        }
        a.enter(attempt);
    }

    /** Makes {@code t}, due to send attempt {@code next}, the timer, unless that is stale. */
    private void arm(int next, Disposable t) {
        Disposable stale;
        synchronized (this) {
            if (over || sent != next) {
                stale = t;
            } else {
                stale = timer;
                timer = t;
            }
        }
        stale.dispose();
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
        boolean firstRan;
        boolean late;
        synchronized (this) {
            late = over;
            over = true;
            firstRan = failures[0] == null;
        }
        if (late) { // another attempt won, or the call ended otherwise
            Operators.onDiscard(value, currentContext());
            return;
        }
        if (firstRan) {
            policy.delay().record(Duration.ofNanos(scheduler.now(TimeUnit.NANOSECONDS) - start));
        }
        end();
        sink.success(value);
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
            sink.error(end);
        } else if (next >= 0) {
            send(next);
        }
    }

    /**
     * The call ended (a value, an error, or a cancel): stops the timer and cancels the attempts,
     * before the value or error goes downstream.
     */
    private void end() {
        Disposable t;
        Contender<T>[] sentSoFar;
        synchronized (this) {
            over = true;
            t = timer;
            sentSoFar = attempts.clone();
        }
        t.dispose();
        for (Contender<T> a : sentSoFar) {
            if (a != null) {
                a.cancel();
            }
        }
    }

    /** The subscriber's context, which every attempt is subscribed with. */
    @Override
    public Context currentContext() {
        return Context.of(sink.contextView());
    }

    /** {@code d} in nanoseconds, saturated: a delay of centuries is as good as none. */
    private static long nanos(Duration d) {
        return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }
}
