package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.Heartbeats.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Schedulers;

/** heartbeat under real concurrency: a one-microsecond timer races with values and requests. */
class HeartbeatsRaceTest {

    private static final int TRIALS = 200;
    private static final int ELEMENTS = 50;

    /**
     * Values come on another thread, pulses on the parallel scheduler every microsecond of
     * idleness, requests from two threads and from {@code onNext} (one more per pulse, so pulses
     * never starve values). Every trial must deliver each value once, in order, never an element
     * without demand, and complete.
     */
    @Test
    void pulsesRacingValuesAndRequestsNeverOverflowAndLoseNothing() throws InterruptedException {
        List<Integer> expected = IntStream.rangeClosed(1, ELEMENTS).boxed().toList();
        int failures = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Collector collector = new Collector();
            Flux.range(1, ELEMENTS)
                    .publishOn(Schedulers.boundedElastic())
                    .transform(heartbeat(Duration.ofNanos(1000), Schedulers.parallel()))
                    .subscribe(collector);
            Thread a = Thread.ofVirtual().start(() -> collector.requestOneByOne(ELEMENTS / 2));
            Thread b = Thread.ofVirtual().start(() -> collector.requestOneByOne(ELEMENTS - ELEMENTS / 2));
            a.join();
            b.join();
            assertThat(collector.done.await(1, TimeUnit.MINUTES))
                    .as("trial %d ended", trial)
                    .isTrue();
            boolean ok = collector.values.equals(expected)
                    && collector.overflows.get() == 0
                    && collector.signal == SignalType.ON_COMPLETE;
            failures += ok ? 0 : 1;
        }
        assertThat(failures).as("failed trials of %d", TRIALS).isZero();
    }

    private static final class Collector extends BaseSubscriber<Beat<Integer>> {
        final List<Integer> values = new CopyOnWriteArrayList<>();
        final AtomicLong outstanding = new AtomicLong();
        final AtomicInteger overflows = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
        volatile SignalType signal;

        void requestOneByOne(int times) {
            for (int i = 0; i < times; i++) {
                outstanding.incrementAndGet();
                request(1);
            }
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {}

        @Override
        protected void hookOnNext(Beat<Integer> beat) {
            if (outstanding.decrementAndGet() < 0) {
                overflows.incrementAndGet();
            }
            switch (beat) {
                case Beat.Value<Integer>(Integer v) -> values.add(v);
                case Beat.Pulse<Integer> p -> requestOneByOne(1);
            }
        }

        @Override
        protected void hookFinally(SignalType type) {
            signal = type;
            done.countDown();
        }
    }
}
