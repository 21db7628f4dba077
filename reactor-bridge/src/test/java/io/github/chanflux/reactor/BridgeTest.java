package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.bridge;
import static io.github.chanflux.reactor.GoFlux.generator;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class BridgeTest {

    @Test
    void bridgeReadsTheStreamsOneAfterAnotherAsInTheBook() {
        Flux<Flux<Integer>> genVals = Flux.range(0, 10).map(Flux::just);
        StepVerifier.create(bridge(genVals))
                .expectNext(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)
                .verifyComplete();
    }

    @Test
    void theNextStreamIsNotRequestedUntilTheCurrentOneCompletes() {
        TestPublisher<Flux<Integer>> streams = TestPublisher.create();
        TestPublisher<Integer> first = TestPublisher.create();
        StepVerifier.create(bridge(streams.flux()))
                .then(() -> streams.assertMaxRequested(1))
                .then(() -> streams.next(first.flux()))
                .then(() -> first.next(1))
                .expectNext(1)
                .then(() -> streams.assertMaxRequested(1))
                .then(first::complete)
                .then(() -> streams.assertMinRequested(1))
                .then(() -> streams.next(generator(2, 3)))
                .expectNext(2, 3)
                .then(streams::complete)
                .verifyComplete();
    }

    @Test
    void cancellingCancelsTheCurrentStreamAndTheStreamOfStreams() {
        TestPublisher<Flux<Integer>> streams = TestPublisher.create();
        TestPublisher<Integer> inner = TestPublisher.create();
        StepVerifier.create(bridge(streams.flux()))
                .then(() -> streams.next(inner.flux()))
                .then(() -> inner.assertSubscribers(1))
                .thenCancel()
                .verify();
        inner.assertCancelled();
        streams.assertCancelled();
    }

    @Test
    void anErrorOfAnInnerStreamIsPassedOn() {
        Flux<Flux<Integer>> streams = Flux.just(Flux.just(1), Flux.error(new IllegalStateException("inner failed")));
        StepVerifier.create(bridge(streams)).expectNext(1).verifyErrorMessage("inner failed");
    }

    @Test
    void aSlowSubscriberIsNotFlooded() {
        TestPublisher<Integer> inner = TestPublisher.create();
        StepVerifier.create(bridge(Flux.just(inner.flux())), 1)
                .then(() -> inner.assertMaxRequested(1))
                .then(() -> inner.next(1))
                .expectNext(1)
                .thenCancel()
                .verify();
    }
}
