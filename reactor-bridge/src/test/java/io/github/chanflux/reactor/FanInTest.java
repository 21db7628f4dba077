package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.fanIn;
import static io.github.chanflux.reactor.GoFlux.fanOut;
import static io.github.chanflux.reactor.GoFlux.fanOutOrdered;
import static io.github.chanflux.reactor.GoFlux.generator;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

class FanInTest {

    @Test
    void fanInMergesEveryValueOfEverySource() {
        StepVerifier.create(fanIn(generator(1, 2, 3), generator(4), generator(5, 6)))
                .expectNextCount(6)
                .verifyComplete();
        StepVerifier.create(
                        fanIn(generator(1, 2, 3), generator(4), generator(5, 6)).collectList())
                .assertNext(
                        l -> org.assertj.core.api.Assertions.assertThat(l).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6))
                .verifyComplete();
    }

    @Test
    void fanInRequestsOneValueAheadFromEachSource() {
        TestPublisher<Integer> a = TestPublisher.create();
        TestPublisher<Integer> b = TestPublisher.create();
        StepVerifier.create(fanIn(a, b), 0)
                .then(() -> a.assertMaxRequested(1))
                .then(() -> b.assertMaxRequested(1))
                .thenCancel()
                .verify();
    }

    @Test
    void cancellingFanInCancelsEverySource() {
        TestPublisher<Integer> a = TestPublisher.create();
        TestPublisher<Integer> b = TestPublisher.create();
        fanIn(a, b).subscribe().dispose();
        a.assertCancelled();
        b.assertCancelled();
    }

    @Test
    void anErrorOfOneSourceCancelsTheOthers() {
        PublisherProbe<Integer> other = PublisherProbe.of(Flux.never());
        StepVerifier.create(fanIn(other.flux(), Flux.error(new IllegalStateException("failed"))))
                .verifyErrorMessage("failed");
        other.assertWasCancelled();
    }

    @Test
    void fanInRejectsANullSourceAtTheCall() {
        assertThatThrownBy(() -> fanIn(generator(1), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fanIn: sources[1] is null");
        assertThatThrownBy(() -> fanIn((Publisher<Integer>[]) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("fanIn: sources is null");
    }

    @Test
    void fanOutRunsEveryValueThroughTheFunction() {
        StepVerifier.create(generator(1, 2, 3, 4, 5)
                        .transform(fanOut(3, i -> i * i))
                        .collectList())
                .assertNext(
                        l -> org.assertj.core.api.Assertions.assertThat(l).containsExactlyInAnyOrder(1, 4, 9, 16, 25))
                .verifyComplete();
    }

    @Test
    void fanOutRequestsAsManyValuesAsItHasWorkers() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(fanOut(3, i -> i, Schedulers.immediate())), 0)
                .then(() -> source.assertMaxRequested(3))
                .thenCancel()
                .verify();
        source.assertCancelled();
    }

    @Test
    void fanOutOrderedKeepsInputOrderWhenALaterValueFinishesFirst() {
        CountDownLatch lastFinished = new CountDownLatch(1);
        Flux<Integer> results = generator(1, 2, 3).transform(fanOutOrdered(3, i -> {
            if (i == 1) {
                awaitUninterruptibly(lastFinished);
            } else if (i == 3) {
                lastFinished.countDown();
            }
            return i * 10;
        }));
        StepVerifier.create(results).expectNext(10, 20, 30).verifyComplete();
    }

    @Test
    void aFailingFunctionErrorsTheFluxAndCancelsTheSource() {
        PublisherProbe<Integer> source = PublisherProbe.of(GoFlux.repeat(1));
        StepVerifier.create(source.flux().transform(fanOut(1, i -> {
                    throw new IllegalStateException("finder failed");
                })))
                .verifyErrorMessage("finder failed");
        source.assertWasCancelled();
    }

    @Test
    void fanOutRejectsFewerThanOneWorker() {
        assertThatThrownBy(() -> fanOut(0, i -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> fanOutOrdered(-1, i -> i))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -1");
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
