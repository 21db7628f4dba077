package io.github.chanflux.reactor;

import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * {@link Heartbeats#keepAlive(java.time.Duration, Supplier, Scheduler)} and
 * {@link Heartbeats#heartbeat(java.time.Duration, Scheduler)}: see {@link Heartbeats} for the
 * contract. Each value is passed through {@code wrap} as it is emitted ({@link Beat#value} for a
 * heartbeat, the identity for a keep-alive), so a heartbeat needs no {@code map} of its own.
 *
 * <p>Design: values from upstream go through a queue; signals from upstream, downstream and the
 * timer only record what happened and call {@link KeepAlive#drain()}, and a work-in-progress
 * counter elects one thread to act on them (reactor-core's drain loop), so the queue's consumer
 * side, the timer and the counters below are touched by one thread at a time. Upstream is asked
 * for {@code requested - pending} more, where {@code pending} counts the values asked for and not
 * yet emitted: a pulse lowers {@code requested} only, so a value already asked for is held in
 * the queue rather than overflowing downstream. The timer is lazy: emitting only notes the
 * time, and a timer that fires early (the stream was not idle for the whole interval) re-arms
 * itself for the rest of it, so there is one scheduled task per interval however fast values
 * flow.
 */
final class FluxKeepAlive<T, R> extends FluxOperator<T, R> {

    private final long intervalNanos;
    private final Function<? super T, ? extends R> wrap;
    private final Supplier<? extends R> pulse;
    private final Scheduler scheduler;

    FluxKeepAlive(
            Flux<? extends T> source,
            long intervalNanos,
            Function<? super T, ? extends R> wrap,
            Supplier<? extends R> pulse,
            Scheduler scheduler) {
        super(source);
        this.intervalNanos = intervalNanos;
        this.wrap = wrap;
        this.pulse = pulse;
        this.scheduler = scheduler;
    }

    @Override
    public void subscribe(CoreSubscriber<? super R> actual) {
        source.subscribe(new KeepAlive<>(actual, intervalNanos, wrap, pulse, scheduler));
    }

    private static final class KeepAlive<T, R> extends DrainLoop<T, R> {

        private final long intervalNanos;
        private final Function<? super T, ? extends R> wrap;
        private final Supplier<? extends R> pulse;
        private final Scheduler scheduler;
        /** Single producer (onNext), single consumer (the draining thread). */
        private final Queue<T> queue = Queues.<T>unbounded().get();

        // Written by the timer, then drain() is called.
        private volatile boolean fired;

        // Under wip: only the draining thread touches these (lastEmitted also before the first drain).
        private long lastEmitted;
        private long pending;
        private boolean unbounded;
        private Disposable timer;

        KeepAlive(
                CoreSubscriber<? super R> actual,
                long intervalNanos,
                Function<? super T, ? extends R> wrap,
                Supplier<? extends R> pulse,
                Scheduler scheduler) {
            super(actual);
            this.intervalNanos = intervalNanos;
            this.wrap = wrap;
            this.pulse = pulse;
            this.scheduler = scheduler;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                lastEmitted = now();
                actual.onSubscribe(this);
                drain();
            }
        }

        @Override
        public void onNext(T value) {
            queue.offer(value);
            drain();
        }

        private void fire() {
            fired = true;
            drain();
        }

        /** Values that arrive after the stream ended are discarded. */
        @Override
        void afterStop() {
            Operators.onDiscardQueueWithClear(queue, actual.currentContext(), null);
        }

        /** Acts on everything recorded so far. */
        @Override
        void step() {
            if (cancelled) {
                stop();
                return;
            }
            Throwable e = error;
            if (e != null) {
                stop();
                actual.onError(e);
                return;
            }
            long r = emitValues();
            if (cancelled) { // by downstream, in one of those onNext calls: no completion after it
                stop();
                return;
            }
            if (done && queue.isEmpty()) {
                stop();
                actual.onComplete();
                return;
            }
            if (fired) {
                fired = false;
                timer = null;
                r = pulseIfIdle(r);
                if (stopped) {
                    return;
                }
            }
            if (timer == null && !arm()) {
                return;
            }
            requestUpstream(r);
        }

        /** Emits the queued values downstream has demand for; returns the demand left. */
        private long emitValues() {
            long r = requested;
            long emitted = 0;
            while (emitted != r && !cancelled) {
                T value = queue.poll();
                if (value == null) {
                    break;
                }
                actual.onNext(wrap.apply(value));
                emitted++;
            }
            if (emitted == 0) {
                return r;
            }
            lastEmitted = now();
            pending -= emitted;
            return produced(emitted);
        }

        /**
         * The timer fired: if the stream was idle for the interval, emits a pulse when there is
         * demand and drops it otherwise; returns the demand left.
         */
        private long pulseIfIdle(long r) {
            long now = now();
            if (now - lastEmitted < intervalNanos) {
                return r;
            }
            lastEmitted = now;
            if (r == 0 || cancelled) {
                return r;
            }
            R p;
            try {
                p = pulse.get();
                if (p == null) {
                    throw new NullPointerException("the pulse supplier returned null");
                }
            } catch (Throwable t) {
                fail(Operators.onOperatorError(upstream, t, actual.currentContext()));
                return 0;
            }
            actual.onNext(p);
            return produced(1);
        }

        /** Asks upstream for what downstream wants beyond the values already asked for. */
        private void requestUpstream(long r) {
            if (unbounded) {
                return;
            }
            if (r == Long.MAX_VALUE) {
                unbounded = true;
                upstream.request(Long.MAX_VALUE);
                return;
            }
            long more = r - pending;
            if (more > 0) {
                pending += more;
                upstream.request(more);
            }
        }

        /** Arms the timer for one interval after the last emission; false if it failed the stream. */
        private boolean arm() {
            long delay = lastEmitted + intervalNanos - now();
            try {
                timer = scheduler.schedule(this::fire, delay, TimeUnit.NANOSECONDS);
                return true;
            } catch (RejectedExecutionException e) {
                fail(Operators.onRejectedExecution(e, actual.currentContext()));
                return false;
            }
        }

        private void fail(Throwable e) {
            upstream.cancel();
            stop();
            actual.onError(e);
        }

        /** No more signals: the timer is stopped and held values are discarded. */
        private void stop() {
            stopped = true;
            if (timer != null) {
                timer.dispose();
                timer = null;
            }
            Operators.onDiscardQueueWithClear(queue, actual.currentContext(), null);
        }

        private long now() {
            return scheduler.now(TimeUnit.NANOSECONDS);
        }
    }
}
