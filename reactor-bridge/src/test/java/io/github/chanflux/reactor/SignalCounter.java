package io.github.chanflux.reactor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * A subscriber for race tests: requests everything and counts every signal as it comes (a
 * {@link CoreSubscriber}, so nothing between it and the operator filters signals out), so a
 * second end, or a value after the end, shows.
 */
final class SignalCounter<T> implements CoreSubscriber<T> {

    final List<T> values = new CopyOnWriteArrayList<>();
    final AtomicInteger completions = new AtomicInteger();
    final AtomicInteger errors = new AtomicInteger();
    final AtomicInteger valuesAfterEnd = new AtomicInteger();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile Throwable error;

    /** Completions and errors so far. */
    int ends() {
        return completions.get() + errors.get();
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T value) {
        if (ends() > 0) {
            valuesAfterEnd.incrementAndGet();
        }
        values.add(value);
    }

    @Override
    public void onError(Throwable e) {
        error = e;
        errors.incrementAndGet();
        ended.countDown();
    }

    @Override
    public void onComplete() {
        completions.incrementAndGet();
        ended.countDown();
    }
}
