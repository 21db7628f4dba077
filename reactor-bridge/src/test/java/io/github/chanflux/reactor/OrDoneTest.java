package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.generator;
import static io.github.chanflux.reactor.GoFlux.orDone;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

class OrDoneTest {

    private final Sinks.Empty<Void> done = Sinks.empty();

    @Test
    void passesEveryValueUntilTheSourceCompletes() {
        StepVerifier.create(generator(1, 2, 3).transform(orDone(done.asMono())))
                .expectNext(1, 2, 3)
                .verifyComplete();
    }

    @Test
    void completesAndCancelsTheSourceWhenDoneCompletes() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(orDone(done.asMono())))
                .then(() -> source.next(1))
                .expectNext(1)
                .then(done::tryEmitEmpty)
                .verifyComplete();
        source.assertCancelled();
    }

    @Test
    void aDoneThatEmitsAValueCountsAsFired() {
        Sinks.Many<String> signal = Sinks.many().multicast().directBestEffort();
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(orDone(signal.asFlux())))
                .then(() -> signal.tryEmitNext("closed"))
                .verifyComplete();
        source.assertCancelled();
    }

    @Test
    void anAsynchronousDoneErrorCancelsAnEndlessSourceThenErrors() {
        PublisherProbe<Integer> endless = PublisherProbe.of(Flux.never());
        Mono<Void> failing =
                Mono.<Void>error(new IllegalStateException("done failed")).delaySubscription(Duration.ofSeconds(1));
        StepVerifier.withVirtualTime(() -> endless.flux().transform(orDone(failing)))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .verifyErrorMessage("done failed");
        endless.assertWasCancelled();
    }

    @Test
    void aDoneThatAlreadyFiredLetsNoValueThrough() {
        done.tryEmitEmpty();
        StepVerifier.create(generator(1, 2, 3).transform(orDone(done.asMono()))).verifyComplete();
    }

    @Test
    void aDoneThatAlreadyFiredEndsTheFluxBeforeTheSourceIsSubscribed() {
        PublisherProbe<Integer> source = PublisherProbe.of(Flux.just(1, 2, 3));
        done.tryEmitEmpty();
        StepVerifier.create(source.flux().transform(orDone(done.asMono()))).verifyComplete();
        source.assertWasNotSubscribed();
    }

    @Test
    void aDoneThatAlreadyFailedFailsTheFluxBeforeTheSourceIsSubscribed() {
        PublisherProbe<Integer> source = PublisherProbe.of(Flux.just(1, 2, 3));
        StepVerifier.create(source.flux().transform(orDone(Mono.error(new IllegalStateException("done failed")))))
                .verifyErrorMessage("done failed");
        source.assertWasNotSubscribed();
    }

    @Test
    void aSourceThatCompletesCancelsDone() {
        PublisherProbe<Void> doneProbe = PublisherProbe.of(Mono.never());
        StepVerifier.create(generator(1, 2).transform(orDone(doneProbe.mono())))
                .expectNext(1, 2)
                .verifyComplete();
        doneProbe.assertWasCancelled();
    }

    @Test
    void cancellingTheResultCancelsTheSourceAndDone() {
        PublisherProbe<Integer> source = PublisherProbe.of(Flux.never());
        PublisherProbe<Void> doneProbe = PublisherProbe.of(Mono.never());
        StepVerifier.create(source.flux().transform(orDone(doneProbe.mono())))
                .thenCancel()
                .verify();
        source.assertWasCancelled();
        doneProbe.assertWasCancelled();
    }

    @Test
    void passesRequestsThroughSoASlowSubscriberIsNotFlooded() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(orDone(done.asMono())), 2)
                .then(() -> source.assertMaxRequested(2))
                .then(() -> source.next(1, 2))
                .expectNext(1, 2)
                .thenCancel()
                .verify();
    }

    @Test
    void aSourceErrorIsPassedOn() {
        StepVerifier.create(Flux.<Integer>error(new IllegalStateException("source failed"))
                        .transform(orDone(done.asMono())))
                .verifyErrorMessage("source failed");
    }

    @Test
    void aBadRequestBeforeTheSourceIsSubscribedAsksItForNothing() {
        TestPublisher<Integer> source = TestPublisher.create();
        source.flux().transform(orDone(Flux.never())).subscribe(new reactor.core.publisher.BaseSubscriber<Integer>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                s.request(-1);
                s.request(0);
            }
        });
        source.assertWasSubscribed();
        source.assertMaxRequested(0);
    }
}
