package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.RateLimit.rateLimit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.FakeClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/** rateLimit under real concurrency: requests from two threads race with timers firing. */
class RateLimitRaceTest {

    private static final int TRIALS = 200;
    private static final int ELEMENTS = 50;

    /**
     * On a frozen limiter clock at 10^6 per second with burst 1, element k waits k microseconds
     * on the parallel scheduler, so its timer races with the requests. Every trial must emit each
     * element once, in order, pull nothing extra from upstream and take one token per element.
     */
    @Test
    void concurrentRequestsAndTimersEmitEachElementOnceInOrder() throws InterruptedException {
        List<Integer> expected = IntStream.rangeClosed(1, ELEMENTS).boxed().toList();
        int failures = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            FakeClock frozen = new FakeClock();
            Limiter lim = new Limiter(Limit.of(1e6), 1, frozen);
            AtomicInteger pulled = new AtomicInteger();
            Collector collector = new Collector();
            Flux.range(1, ELEMENTS)
                    .doOnNext(e -> pulled.incrementAndGet())
                    .transform(rateLimit(lim, e -> 1, Schedulers.parallel()))
                    .subscribe(collector);
            Thread a = Thread.ofVirtual().start(() -> requestOneByOne(collector, ELEMENTS / 2));
            Thread b = Thread.ofVirtual().start(() -> requestOneByOne(collector, ELEMENTS - ELEMENTS / 2));
            a.join();
            b.join();
            assertThat(collector.done.await(1, TimeUnit.MINUTES))
                    .as("trial %d completed", trial)
                    .isTrue();
            boolean ok = collector.received.equals(expected)
                    && pulled.get() == ELEMENTS
                    && lim.tokensAt(frozen.now()) == 1 - ELEMENTS;
            failures += ok ? 0 : 1;
        }
        assertThat(failures).as("failed trials of %d", TRIALS).isZero();
    }

    private static void requestOneByOne(Collector collector, int times) {
        for (int i = 0; i < times; i++) {
            collector.request(1);
        }
    }

    private static final class Collector extends BaseSubscriber<Integer> {
        final List<Integer> received = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);

        @Override
        protected void hookOnSubscribe(Subscription subscription) {}

        @Override
        protected void hookOnNext(Integer value) {
            received.add(value);
        }

        @Override
        protected void hookFinally(SignalType type) {
            done.countDown();
        }
    }
}
