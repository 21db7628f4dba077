package io.github.chanflux.reactor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

/**
 * The heartbeat watch of a {@link Supervisor supervised} source: fails with {@code silence} when
 * the source emits nothing for {@code timeout} while downstream is waiting for an element. The
 * book's ward pulses on a heartbeat channel of its own even while it waits for its reader to take
 * a value, so a slow reader never makes the steward restart it; here the elements are the pulses,
 * and a source cannot emit without demand, so the silence is measured only while some element has
 * been requested and not delivered: from the request that makes demand outstanding, and from each
 * element after which demand remains. Reactor's {@code timeout} counts from each element whatever
 * the demand, and so takes a reader that is slow, or pauses, for a stuck source.
 *
 * <p>Signals from upstream, downstream requests and the timer may come from different threads:
 * the bookkeeping is under this object's lock, and downstream's signals are serialized
 * ({@link Operators#serialize}), as the timer's error may race an element.
 */
final class DemandHeartbeat<T> implements CoreSubscriber<T>, Subscription {

    private final CoreSubscriber<? super T> actual;
    private final long timeoutNanos;
    private final Scheduler timer;
    private final Supplier<? extends Throwable> silence;
    private Subscription upstream;

    // Under this object's lock.
    /** Elements requested and not yet delivered, saturated at {@code Long.MAX_VALUE} (unbounded). */
    private long outstanding;

    private Disposable armed;
    /** Counts arms and disarms, so that a timer that fires after its disarm does nothing. */
    private long generation;

    private boolean stopped;

    DemandHeartbeat(
            CoreSubscriber<? super T> actual,
            Duration timeout,
            Scheduler timer,
            Supplier<? extends Throwable> silence) {
        this.actual = Operators.serialize(actual);
        this.timeoutNanos = SupervisedRun.saturatedNanos(timeout);
        this.timer = timer;
        this.silence = silence;
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            actual.onSubscribe(this);
        }
    }

    @Override
    public void request(long n) {
        if (n > 0) {
            synchronized (this) {
                if (!stopped) {
                    boolean idle = outstanding == 0;
                    outstanding = Operators.addCap(outstanding, n);
                    if (idle) {
                        arm();
                    }
                }
            }
        }
        upstream.request(n); // upstream reports a non-positive n (rule 3.9)
    }

    @Override
    public void onNext(T t) {
        synchronized (this) {
            if (stopped) {
                Operators.onDiscard(t, actual.currentContext());
                return;
            }
            if (outstanding != Long.MAX_VALUE) {
                outstanding--;
            }
            disarm();
            if (outstanding > 0) {
                arm();
            }
        }
        actual.onNext(t);
    }

    @Override
    public void onError(Throwable e) {
        if (stop()) {
            actual.onError(e);
        } else {
            Operators.onErrorDropped(e, actual.currentContext());
        }
    }

    @Override
    public void onComplete() {
        if (stop()) {
            actual.onComplete();
        }
    }

    @Override
    public void cancel() {
        stop();
        upstream.cancel();
    }

    /** Stops watching; false if already stopped (by a terminal signal, a cancel or the timer). */
    private synchronized boolean stop() {
        if (stopped) {
            return false;
        }
        stopped = true;
        disarm();
        return true;
    }

    /** Call with the lock held. */
    private void arm() {
        long gen = ++generation;
        armed = timer.schedule(() -> fire(gen), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Call with the lock held. */
    private void disarm() {
        generation++;
        if (armed != null) {
            armed.dispose();
            armed = null;
        }
    }

    private void fire(long gen) {
        synchronized (this) {
            if (stopped || gen != generation) {
                return;
            }
            stopped = true;
            armed = null;
        }
        upstream.cancel();
        actual.onError(silence.get());
    }
}
