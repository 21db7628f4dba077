package io.github.chanflux.reactor;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The plumbing of the operators whose signals, from upstream, downstream and a timer, only
 * record what happened and call {@link #drain()}: reactor-core's drain loop, in which a
 * work-in-progress counter elects one thread to act on them ({@link #step()}), so the state a
 * subclass keeps under it is touched by one thread at a time. Used by {@link FluxKeepAlive}
 * and {@link FluxRateLimit}; Go needs no such thing (a goroutine's loop is its own drain).
 *
 * <p>What it keeps: downstream's demand ({@link #requested}), how upstream ended ({@link #done},
 * {@link #error}), a cancel from downstream ({@link #cancelled}, which also cancels upstream),
 * and whether the operator has sent its last signal ({@link #stopped}, set by the subclass).
 *
 * @param <T> the upstream element type
 * @param <R> the downstream element type
 */
abstract class DrainLoop<T, R> implements CoreSubscriber<T>, Subscription {

    @SuppressWarnings("rawtypes")
    private static final AtomicLongFieldUpdater<DrainLoop> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(DrainLoop.class, "requested");

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<DrainLoop> WIP =
            AtomicIntegerFieldUpdater.newUpdater(DrainLoop.class, "wip");

    final CoreSubscriber<? super R> actual;
    /** Set once, in the subclass's {@code onSubscribe}, before anything else can happen. */
    Subscription upstream;

    // Written by any thread, then drain() is called.
    volatile long requested;
    private volatile int wip;
    volatile boolean done;
    volatile Throwable error;
    volatile boolean cancelled;

    /**
     * Under the drain loop: the operator has sent its last signal; {@link #step()} no longer
     * runs.
     */
    boolean stopped;

    DrainLoop(CoreSubscriber<? super R> actual) {
        this.actual = actual;
    }

    @Override
    public void onError(Throwable e) {
        error = e;
        drain();
    }

    @Override
    public void onComplete() {
        done = true;
        drain();
    }

    @Override
    public void request(long n) {
        if (Operators.validate(n)) {
            Operators.addCap(REQUESTED, this, n);
            drain();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        upstream.cancel();
        drain();
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    /**
     * Acts on what was recorded, on one thread at a time: {@link #step()}, or
     * {@link #afterStop()} once stopped.
     */
    final void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        do {
            if (stopped) {
                afterStop();
            } else {
                step();
            }
            missed = WIP.addAndGet(this, -missed);
        } while (missed != 0);
    }

    /** Acts on everything recorded so far, until it must wait for a signal. */
    abstract void step();

    /**
     * What a drain does once the operator has stopped: nothing, unless a subclass discards what
     * still arrives.
     */
    void afterStop() {}

    /** Takes {@code n} emitted values off downstream's demand; returns the demand left. */
    final long produced(long n) {
        return Operators.produced(REQUESTED, this, n);
    }
}
