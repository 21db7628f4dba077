package io.github.chanflux.reactor;

import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.Reservation;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * {@link RateLimit#rateLimit(Limiter, ToIntFunction, Scheduler)}: see there for the contract.
 *
 * <p>Design: at most one element is in flight. The operator asks upstream for one element only
 * when downstream has unmet demand and nothing is held, so an element arrives only when it can
 * be emitted as soon as its time to act comes; it then reserves the element's tokens at the
 * limiter's time ({@code Limiter.now()}) and either emits it at once or arms a scheduler timer.
 * Signals from upstream, downstream and the timer only record what happened and call
 * {@link Gate#drain()}; a work-in-progress counter elects one thread to act on them, so the held
 * element, its reservation and its timer are touched by one thread at a time (reactor-core's
 * drain loop).
 */
final class FluxRateLimit<T> extends FluxOperator<T, T> {

    private final Limiter limiter;
    private final ToIntFunction<? super T> weigher;
    private final Scheduler scheduler;

    FluxRateLimit(Flux<? extends T> source, Limiter limiter, ToIntFunction<? super T> weigher, Scheduler scheduler) {
        super(source);
        this.limiter = limiter;
        this.weigher = weigher;
        this.scheduler = scheduler;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        source.subscribe(new Gate<>(actual, limiter, weigher, scheduler));
    }

    private static final class Gate<T> extends DrainLoop<T, T> {

        private final Limiter limiter;
        private final ToIntFunction<? super T> weigher;
        private final Scheduler scheduler;

        // Written by upstream or the timer, then drain() is called.
        private volatile T arrived;
        private volatile boolean due;

        // Under wip: only the draining thread touches these.
        private boolean asked;
        private T held;
        private Reservation reservation;
        private Disposable timer;

        Gate(CoreSubscriber<? super T> actual, Limiter limiter, ToIntFunction<? super T> weigher, Scheduler scheduler) {
            super(actual);
            this.limiter = limiter;
            this.weigher = weigher;
            this.scheduler = scheduler;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T element) {
            arrived = element;
            drain();
        }

        /** Acts on everything recorded so far, until it must wait for a signal. */
        @Override
        void step() {
            while (true) {
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
                T element = arrived;
                if (element != null) {
                    arrived = null;
                    asked = false;
                    held = element;
                    if (!reserve(element)) {
                        return;
                    }
                }
                if (held != null) {
                    if (!due) {
                        return;
                    }
                    emit();
                } else if (done) {
                    stop();
                    actual.onComplete();
                    return;
                } else if (!asked && requested > 0) {
                    asked = true;
                    upstream.request(1);
                } else {
                    return;
                }
            }
        }

        /** Reserves the tokens of the element just arrived; false if it failed the stream. */
        private boolean reserve(T element) {
            int n;
            try {
                n = weigher.applyAsInt(element);
            } catch (Throwable e) {
                return fail(Operators.onOperatorError(e, actual.currentContext()));
            }
            if (n < 0) {
                return fail(new IllegalArgumentException("negative token count: " + n));
            }
            Instant now = limiter.now();
            Reservation r = limiter.reserveN(now, n);
            if (!r.ok()) {
                return fail(
                        new IllegalArgumentException("rate: n=" + n + " exceeds limiter's burst " + limiter.burst()));
            }
            Duration delay = r.delayFrom(now);
            if (delay.isZero()) {
                due = true;
                return true;
            }
            reservation = r;
            try {
                timer = scheduler.schedule(this::fire, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                return fail(Operators.onRejectedExecution(e, actual.currentContext()));
            }
            return true;
        }

        private void fire() {
            due = true;
            drain();
        }

        private void emit() {
            T element = held;
            held = null;
            reservation = null;
            timer = null;
            due = false;
            produced(1);
            actual.onNext(element);
        }

        private boolean fail(Throwable e) {
            upstream.cancel();
            stop();
            actual.onError(e);
            return false;
        }

        /** No more signals: the held element is dropped and its tokens go back. */
        private void stop() {
            stopped = true;
            if (timer != null) {
                timer.dispose();
            }
            if (reservation != null) {
                reservation.cancel();
            }
            if (held != null) {
                Operators.onDiscard(held, actual.currentContext());
            }
            held = null;
            reservation = null;
            timer = null;
        }
    }
}
