package io.github.chanflux.reactor;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.IntFunction;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The subscriber of one {@code Mono} among several racing for one answer: a replica of
 * {@link Replicas#first}, an attempt of {@link Hedging#hedge}. It reports to its {@link Contest}
 * either its value or its failure (an error, completing empty, or a factory that throws or
 * returns null), once; a contender that finished is not cancelled when the contest ends.
 */
final class Contender<T> implements CoreSubscriber<T> {

    /** What the contenders report to: the replica race, the hedged call. */
    interface Contest<T> {

        /** Contender {@code id} answered {@code value}. */
        void won(int id, T value);

        /** Contender {@code id} failed with {@code cause}. */
        void failed(int id, Throwable cause);

        /** The context the contenders are subscribed with: the contest's subscriber's. */
        Context currentContext();
    }

    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<Contender, Subscription> UPSTREAM =
            AtomicReferenceFieldUpdater.newUpdater(Contender.class, Subscription.class, "upstream");

    private final Contest<T> contest;
    final int id;
    /** How failures name this contender: {@code "replica #"} or {@code "hedging: attempt #"}, then the id. */
    private final String name;

    private volatile Subscription upstream;
    /** Written and read only by this contender's own signals, which are serialized. */
    private boolean gotValue;

    Contender(Contest<T> contest, int id, String name) {
        this.contest = contest;
        this.id = id;
        this.name = name;
    }

    /**
     * Subscribes to {@code factory.apply(id)}, unless this contender was cancelled already; a
     * factory that throws (a fatal error aside) or returns null is this contender's failure.
     */
    void enter(IntFunction<? extends Mono<? extends T>> factory) {
        if (upstream == Operators.cancelledSubscription()) {
            return; // the contest ended before this one entered: the request is not made
        }
        Mono<? extends T> m;
        try {
            m = factory.apply(id);
            if (m == null) {
                throw new NullPointerException(name + id + " is null");
            }
        } catch (Throwable e) {
            Exceptions.throwIfFatal(e);
            contest.failed(id, Operators.onOperatorError(e, currentContext()));
            return;
        }
        m.subscribe(this);
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.setOnce(UPSTREAM, this, s)) {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(T value) {
        gotValue = true;
        finished();
        contest.won(id, value);
    }

    @Override
    public void onError(Throwable e) {
        finished();
        contest.failed(id, e);
    }

    @Override
    public void onComplete() {
        if (!gotValue) {
            finished();
            contest.failed(id, new NoSuchElementException(name + id + " completed empty"));
        }
    }

    /** Cancels the {@code Mono}, unless it has finished (or cancels it once it is subscribed). */
    void cancel() {
        Operators.terminate(UPSTREAM, this);
    }

    @Override
    public Context currentContext() {
        return contest.currentContext();
    }

    /** A finished contender is not cancelled when the contest ends. */
    private void finished() {
        upstream = Operators.cancelledSubscription();
    }
}
