package io.github.chanflux.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The supervisor's heartbeat watch: silence counts only while an element is wanted. */
class DemandHeartbeatTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    @AfterEach
    void resetVirtualTime() {
        VirtualTimeScheduler.reset();
    }

    private static <T> Flux<T> watched(Publisher<T> source, Duration timeout, Scheduler timer) {
        Flux<T> flux = Flux.from(source);
        return Flux.from(s -> flux.subscribe(new DemandHeartbeat<T>(
                Operators.toCoreSubscriber(s), timeout, timer, () -> new TimeoutException("silent"))));
    }

    @Test
    void withoutDemandNothingIsTimedAndNoTimerIsArmed() {
        StepVerifier.withVirtualTime(() -> watched(Flux.<Integer>never(), SECOND, vts), () -> vts, 0)
                .expectSubscription()
                .then(() -> assertThat(vts.getScheduledTaskCount()).isZero())
                .expectNoEvent(Duration.ofHours(1))
                .thenCancel()
                .verify();
    }

    @Test
    void theSilenceCountsFromTheRequestThatMakesDemandOutstanding() {
        StepVerifier.withVirtualTime(() -> watched(Flux.just(1).concatWith(Flux.never()), SECOND, vts), () -> vts, 1)
                .expectNext(1)
                .expectNoEvent(Duration.ofMinutes(1))
                .thenRequest(1)
                .expectNoEvent(SECOND.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyErrorMessage("silent");
    }

    @Test
    void withDemandLeftEachElementStartsTheSilenceAgain() {
        StepVerifier.withVirtualTime(
                        () -> watched(
                                Flux.interval(Duration.ofMillis(900), vts)
                                        .take(3)
                                        .concatWith(Flux.never()),
                                SECOND,
                                vts),
                        () -> vts,
                        Long.MAX_VALUE)
                .thenAwait(Duration.ofMillis(2_700))
                .expectNext(0L, 1L, 2L)
                .expectNoEvent(SECOND.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .verifyErrorMessage("silent");
    }

    @Test
    void afterACancelTheSilenceNeverFires() {
        AtomicInteger fired = new AtomicInteger();
        Flux<Integer> never = Flux.never();
        StepVerifier.withVirtualTime(
                        () -> Flux.<Integer>from(s -> never.subscribe(
                                new DemandHeartbeat<Integer>(Operators.toCoreSubscriber(s), SECOND, vts, () -> {
                                    fired.incrementAndGet();
                                    return new TimeoutException("silent");
                                }))),
                        () -> vts,
                        1)
                .expectSubscription()
                .thenAwait(SECOND.minusMillis(1))
                .thenCancel()
                .verify();
        vts.advanceTimeBy(Duration.ofHours(1));
        assertThat(fired).hasValue(0);
    }

    /**
     * An asynchronous source and requests of random sizes from another thread, the watch never
     * firing: every element arrives once, in order, never more than requested, then completion.
     */
    @Test
    void underRacingRequestsNothingIsLostDuplicatedOrUnrequested() throws InterruptedException {
        int n = 20_000;
        Recorder recorder = new Recorder();
        watched(Flux.range(0, n).publishOn(Schedulers.parallel(), 8), Duration.ofMinutes(1), Schedulers.parallel())
                .subscribe(recorder);
        recorder.subscribed.await();
        while (!recorder.ended()) {
            recorder.subscription.request(ThreadLocalRandom.current().nextInt(1, 64));
            Thread.onSpinWait();
        }
        assertThat(recorder.violations).isEmpty();
        assertThat(recorder.values).hasSize(n);
        for (int i = 0; i < n; i++) {
            assertThat(recorder.values.get(i)).isEqualTo(i);
        }
        assertThat(recorder.terminal).containsExactly("complete");
    }

    /**
     * The timer fires while elements come and requests are made, on other threads: one terminal
     * signal, nothing after it, no element twice or out of order or unrequested.
     */
    @Test
    void theTimerRacingElementsGivesOneTerminalAndNothingAfter() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            Recorder recorder = new Recorder();
            Flux<Integer> source = Flux.range(0, 1_000)
                    .delayElements(
                            Duration.ofNanos(ThreadLocalRandom.current().nextInt(1, 50_000)), Schedulers.parallel());
            watched(source, Duration.ofNanos(20_000), Schedulers.parallel()).subscribe(recorder);
            recorder.subscribed.await();
            while (!recorder.ended()) {
                recorder.subscription.request(ThreadLocalRandom.current().nextInt(1, 4));
                Thread.onSpinWait();
            }
            assertThat(recorder.ended.await(1, TimeUnit.MINUTES)).isTrue();
            assertThat(recorder.violations).as("round %d", round).isEmpty();
            assertThat(recorder.terminal).as("round %d", round).hasSize(1);
            for (int i = 0; i < recorder.values.size(); i++) {
                assertThat(recorder.values.get(i)).isEqualTo(i);
            }
        }
    }

    /** Records what a subscriber sees and what breaks the Reactive Streams rules. */
    private static final class Recorder implements CoreSubscriber<Integer> {
        final List<Integer> values = new CopyOnWriteArrayList<>();
        final List<String> terminal = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile Subscription subscription;
        private volatile long requested;
        private volatile boolean inside;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = new Subscription() {
                @Override
                public void request(long n) {
                    synchronized (Recorder.this) {
                        requested += n;
                    }
                    s.request(n);
                }

                @Override
                public void cancel() {
                    s.cancel();
                }
            };
            subscribed.countDown();
        }

        @Override
        public void onNext(Integer v) {
            enter("onNext " + v);
            synchronized (this) {
                if (values.size() >= requested) {
                    violations.add("unrequested " + v);
                }
            }
            if (!terminal.isEmpty()) {
                violations.add("onNext after " + terminal);
            }
            values.add(v);
            inside = false;
        }

        @Override
        public void onError(Throwable t) {
            end("error " + t.getMessage());
        }

        @Override
        public void onComplete() {
            end("complete");
        }

        boolean ended() {
            return ended.getCount() == 0;
        }

        private void end(String signal) {
            enter(signal);
            terminal.add(signal);
            inside = false;
            ended.countDown();
        }

        private void enter(String signal) {
            if (inside) {
                violations.add("concurrent " + signal);
            }
            inside = true;
        }
    }
}
