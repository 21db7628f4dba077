package io.github.chanflux.reactor;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * {@link GoFlux#orDone}: see there for the contract.
 *
 * <p>Design: one operator where {@code takeUntilOther} needs a {@code concatWith} to pass
 * {@code done}'s error on after the source is cancelled (reactor-core #4230), so a value crosses
 * one subscriber. {@code done} is subscribed first: one that fires at once ends the flux before
 * the source is subscribed at all; otherwise the source is subscribed, and cancelled at once if
 * the subscriber has already cancelled or {@code done} fired meanwhile, so a source's
 * subscription side effects may still run then. The source's values and the end, which {@code done} may
 * signal on another thread, are serialized as reactor-core's half-serializer does: a value is
 * passed on only by the thread that moves {@code wip} from 0 to 1, and the end (chosen once) is
 * signalled by whoever finds {@code wip} at 0 or brings it back from above 1. Requests go to the
 * source unchanged.
 */
final class FluxOrDone<T> extends FluxOperator<T, T> {

    private final Publisher<?> done;

    FluxOrDone(Flux<? extends T> source, Publisher<?> done) {
        super(source);
        this.done = done;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Main<T> main = new Main<>(actual);
        actual.onSubscribe(main);
        done.subscribe(main.watcher);
        if (!main.ended()) {
            source.subscribe(main); // cancelled at once if the subscriber already cancelled
        }
    }

    /** The source's subscriber and the downstream's subscription (deferred until the source's). */
    private static final class Main<T> extends Operators.DeferredSubscription implements CoreSubscriber<T> {

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Main> WIP =
                AtomicIntegerFieldUpdater.newUpdater(Main.class, "wip");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<Main> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(Main.class, "ended");

        private final CoreSubscriber<? super T> actual;
        final Watcher watcher = new Watcher(this);
        private volatile int wip;
        private volatile int ended;
        /** The error to end with, written before the end is signalled; null to complete. */
        private Throwable error;

        Main(CoreSubscriber<? super T> actual) {
            this.actual = actual;
        }

        @Override
        public void onSubscribe(Subscription s) {
            set(s);
        }

        @Override
        public void onNext(T t) {
            if (WIP.compareAndSet(this, 0, 1)) {
                actual.onNext(t);
                if (WIP.decrementAndGet(this) != 0) {
                    signalEnd();
                }
            } else {
                Operators.onDiscard(t, actual.currentContext());
            }
        }

        @Override
        public void onError(Throwable e) {
            watcher.cancel();
            end(e);
        }

        @Override
        public void onComplete() {
            watcher.cancel();
            end(null);
        }

        /** A bad request is reported (Reactor's {@code Operators.validate}) and ignored, before the source is subscribed too. */
        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                super.request(n);
            }
        }

        @Override
        public void cancel() {
            super.cancel();
            watcher.cancel();
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public Object scanUnsafe(Scannable.Attr key) {
            if (key == Attr.ACTUAL) {
                return actual;
            }
            if (key == Attr.TERMINATED) {
                return ended == 1;
            }
            return super.scanUnsafe(key);
        }

        /** Whether the flux has ended, so the source need not be subscribed. */
        boolean ended() {
            return ended == 1;
        }

        /** {@code done} fired: the source is cancelled first, then the flux ends. */
        void fired(Throwable e) {
            super.cancel();
            end(e);
        }

        /** Ends the flux with {@code e} (or completes it), unless it has already ended. */
        private void end(Throwable e) {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                if (e != null) {
                    Operators.onErrorDropped(e, actual.currentContext());
                }
                return;
            }
            error = e;
            if (WIP.getAndIncrement(this) == 0) {
                signalEnd();
            }
        }

        private void signalEnd() {
            Throwable e = error;
            if (e == null) {
                actual.onComplete();
            } else {
                actual.onError(e);
            }
        }
    }

    /** {@code done}'s subscriber: its first signal of any kind fires. */
    private static final class Watcher implements CoreSubscriber<Object> {

        @SuppressWarnings("rawtypes")
        private static final AtomicReferenceFieldUpdater<Watcher, Subscription> UPSTREAM =
                AtomicReferenceFieldUpdater.newUpdater(Watcher.class, Subscription.class, "upstream");

        private final Main<?> main;
        private volatile Subscription upstream;

        Watcher(Main<?> main) {
            this.main = main;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.setOnce(UPSTREAM, this, s)) {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Object signal) {
            cancel();
            main.fired(null);
        }

        @Override
        public void onError(Throwable e) {
            main.fired(e);
        }

        @Override
        public void onComplete() {
            main.fired(null);
        }

        void cancel() {
            Operators.terminate(UPSTREAM, this);
        }

        @Override
        public Context currentContext() {
            return main.currentContext();
        }
    }
}
