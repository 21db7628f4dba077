package io.github.chanflux.reactor;

import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * {@link GoFlux#queue(int, Scheduler)}: a bounded queue that admits one value from upstream per
 * slot freed, as a Go buffered channel does; see there for the contract.
 *
 * <p>Design: {@code publishOn}'s drain loop with one change. {@code publishOn} asks upstream
 * for more only after a batch (three quarters of its prefetch) was passed on, and counts a value
 * as passed on once {@code onNext} returned. Here the slot is freed when the value is taken out
 * of the queue: the loop requests one more from upstream and only then calls {@code onNext},
 * so a stage after the queue that works on the value (even blocking the thread for it) never
 * holds a slot, as a goroutine that received from a buffered channel holds none. Upstream is
 * asked for {@code capacity} up front, so {@code queued + outstanding <= capacity} always holds
 * and the queue never overflows a publisher that honours its requests. Signals from upstream
 * and requests from downstream only record what happened; a work-in-progress counter elects
 * one run of the loop at a time on the scheduler's worker.
 */
final class FluxQueue<T> extends FluxOperator<T, T> {

    private final int capacity;
    private final Scheduler scheduler;

    FluxQueue(Flux<? extends T> source, int capacity, Scheduler scheduler) {
        super(source);
        this.capacity = capacity;
        this.scheduler = scheduler;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        Scheduler.Worker worker;
        try {
            worker = scheduler.createWorker();
        } catch (RejectedExecutionException e) {
            Operators.error(actual, Operators.onRejectedExecution(e, actual.currentContext()));
            return;
        }
        source.subscribe(new QueueSubscriber<>(actual, capacity, worker));
    }

    private static final class QueueSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

        @SuppressWarnings("rawtypes")
        private static final AtomicLongFieldUpdater<QueueSubscriber> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(QueueSubscriber.class, "requested");

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<QueueSubscriber> WIP =
                AtomicIntegerFieldUpdater.newUpdater(QueueSubscriber.class, "wip");

        private final CoreSubscriber<? super T> actual;
        private final int capacity;
        private final Scheduler.Worker worker;
        private final Queue<T> queue;
        private Subscription upstream;
        /** Set before {@code done}; read after it. */
        private Throwable error;

        private volatile boolean done;
        private volatile boolean cancelled;
        private volatile long requested;
        private volatile int wip;

        QueueSubscriber(CoreSubscriber<? super T> actual, int capacity, Scheduler.Worker worker) {
            this.actual = actual;
            this.capacity = capacity;
            this.worker = worker;
            this.queue = Queues.<T>get(capacity).get();
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
                s.request(capacity);
            }
        }

        @Override
        public void onNext(T value) {
            if (done) {
                Operators.onNextDropped(value, currentContext());
                return;
            }
            if (!queue.offer(value)) {
                Throwable overflow = Exceptions.failWithOverflow("queue: the source sent more than it was asked for");
                onError(Operators.onOperatorError(upstream, overflow, value, currentContext()));
                return;
            }
            schedule();
        }

        @Override
        public void onError(Throwable t) {
            if (done) {
                Operators.onErrorDropped(t, currentContext());
                return;
            }
            error = t;
            done = true;
            schedule();
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                schedule();
            }
        }

        @Override
        public void request(long n) {
            if (Operators.validate(n)) {
                Operators.addCap(REQUESTED, this, n);
                schedule();
            }
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            upstream.cancel();
            worker.dispose();
            if (WIP.getAndIncrement(this) == 0) {
                discardQueued();
            }
        }

        private void schedule() {
            if (WIP.getAndIncrement(this) != 0) {
                return;
            }
            try {
                worker.schedule(this);
            } catch (RejectedExecutionException e) {
                if (!cancelled) {
                    upstream.cancel();
                    discardQueued();
                    actual.onError(Operators.onRejectedExecution(e, currentContext()));
                }
            }
        }

        /** The drain loop: takes a value, frees its slot upstream, then passes it on. */
        @Override
        public void run() {
            int missed = 1;
            while (true) {
                long r = requested;
                long emitted = 0;
                while (emitted != r) {
                    boolean d = done;
                    T value = queue.poll();
                    if (terminated(d, value == null)) {
                        return;
                    }
                    if (value == null) {
                        break;
                    }
                    upstream.request(1);
                    actual.onNext(value);
                    emitted++;
                }
                if (emitted == r && terminated(done, queue.isEmpty())) {
                    return;
                }
                if (emitted != 0 && r != Long.MAX_VALUE) {
                    REQUESTED.addAndGet(this, -emitted);
                }
                missed = WIP.addAndGet(this, -missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Ends the flux if cancelled, or if upstream ended and the queue is drained; errors come last. */
        private boolean terminated(boolean d, boolean empty) {
            if (cancelled) {
                discardQueued();
                return true;
            }
            if (d && empty) {
                Throwable e = error;
                if (e != null) {
                    actual.onError(e);
                } else {
                    actual.onComplete();
                }
                worker.dispose();
                return true;
            }
            return false;
        }

        private void discardQueued() {
            Operators.onDiscardQueueWithClear(queue, currentContext(), null);
        }
    }
}
