package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.repeat;
import static io.github.chanflux.reactor.GoFlux.take;
import static io.github.chanflux.reactor.GoFlux.tee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

class TeeTest {

    @Test
    void bothBranchesSeeEveryValueAsInTheBooksExample() {
        FluxTee<Integer> t = tee(repeat(1, 2).transform(take(4)));
        List<String> lines = Flux.zip(t.out1(), t.out2(), (a, b) -> "out1: " + a + ", out2: " + b)
                .collectList()
                .block();
        assertThat(lines)
                .containsExactly("out1: 1, out2: 1", "out1: 2, out2: 2", "out1: 1, out2: 1", "out1: 2, out2: 2");
    }

    @Test
    void theSourceIsSubscribedOnlyOnceBothBranchesAre() {
        PublisherProbe<Integer> source = PublisherProbe.of(Flux.just(1));
        FluxTee<Integer> t = tee(source.flux());
        StepVerifier first =
                StepVerifier.create(t.out1()).expectNext(1).expectComplete().verifyLater();
        source.assertWasNotSubscribed();
        StepVerifier.create(t.out2()).expectNext(1).verifyComplete();
        first.verify();
    }

    @Test
    void theSlowerBranchSetsThePaceAndTheSourceIsReadOneAhead() {
        TestPublisher<Integer> source = TestPublisher.create();
        FluxTee<Integer> t = tee(source.flux());
        StepVerifier fast =
                StepVerifier.create(t.out1(), 10).expectNext(1, 2).thenCancel().verifyLater();
        StepVerifier.create(t.out2(), 0)
                .then(() -> source.assertMaxRequested(1))
                .then(() -> source.next(1))
                .thenRequest(1)
                .expectNext(1)
                .then(() -> source.next(2))
                .thenRequest(1)
                .expectNext(2)
                .thenCancel()
                .verify();
        fast.verify();
    }

    @Test
    void cancellingBothBranchesCancelsTheSource() {
        PublisherProbe<Integer> source = PublisherProbe.of(repeat(1));
        FluxTee<Integer> t = tee(source.flux());
        StepVerifier first =
                StepVerifier.create(t.out1()).expectNext(1).thenCancel().verifyLater();
        StepVerifier.create(t.out2()).expectNext(1).thenCancel().verify();
        first.verify();
        source.assertWasCancelled();
    }

    @Test
    void branchesCancelledBeforeTheSourceIsConnectedStillCancelIt() {
        PublisherProbe<Integer> source = PublisherProbe.of(repeat(1));
        FluxTee<Integer> t = tee(source.flux());
        t.out1().subscribe(new CancelOnSubscribe<>());
        t.out2().subscribe(new CancelOnSubscribe<>());
        source.assertWasCancelled();
    }

    @Test
    void cancellingOneBranchLetsTheOtherGoOn() {
        FluxTee<Integer> t = tee(Flux.range(1, 3));
        StepVerifier first =
                StepVerifier.create(t.out1()).expectNext(1).thenCancel().verifyLater();
        StepVerifier.create(t.out2()).expectNext(1, 2, 3).verifyComplete();
        first.verify();
    }

    @Test
    void aSecondSubscriberOfABranchFailsInsteadOfHanging() {
        FluxTee<Integer> t = tee(Flux.just(1));
        StepVerifier first =
                StepVerifier.create(t.out1()).expectNext(1).expectComplete().verifyLater();
        StepVerifier.create(t.out2()).expectNext(1).verifyComplete();
        first.verify();
        StepVerifier.create(t.out1())
                .expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("out1 was already subscribed"))
                .verify();
    }

    @Test
    void aSourceErrorReachesBothBranches() {
        FluxTee<Integer> t = tee(Flux.error(new IllegalStateException("source failed")));
        StepVerifier first = StepVerifier.create(t.out1())
                .expectErrorMessage("source failed")
                .verifyLater();
        StepVerifier.create(t.out2()).verifyErrorMessage("source failed");
        first.verify();
    }

    @Test
    void teeRejectsAPrefetchBelowOne() {
        assertThatThrownBy(() -> tee(Flux.just(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    /** Cancels as soon as it is subscribed, before {@code autoConnect} connects the source. */
    private static final class CancelOnSubscribe<T> extends BaseSubscriber<T> {
        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            cancel();
        }
    }
}
