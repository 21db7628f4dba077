package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.generator;
import static io.github.chanflux.reactor.GoFlux.measured;
import static io.github.chanflux.reactor.GoFlux.queue;
import static io.github.chanflux.reactor.GoFlux.queueBatched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.chanflux.pattern.StageMeter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

class QueueTest {

    @Test
    void queuePassesEveryValueInOrder() {
        StepVerifier.create(generator(1, 2, 3, 4).transform(queue(2, Schedulers.single())))
                .expectNext(1, 2, 3, 4)
                .verifyComplete();
    }

    @Test
    void theStageBeforeRunsAtMostCapacityAhead() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(queue(4, Schedulers.immediate())), 0)
                .then(() -> source.assertMaxRequested(4))
                .then(() -> source.next(1, 2, 3, 4))
                .thenRequest(1)
                .expectNext(1)
                .then(() -> source.assertMaxRequested(4))
                .thenCancel()
                .verify();
        source.assertCancelled();
    }

    @Test
    void aFreedSlotAdmitsOneValueAtOnce() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(queue(4)), 0)
                .then(() -> source.next(1, 2, 3, 4))
                .then(() -> source.assertMaxRequested(0))
                .thenRequest(1)
                .expectNext(1)
                .then(() -> source.assertMinRequested(1).assertMaxRequested(1))
                .thenCancel()
                .verify();
    }

    @Test
    void theSlotIsFreedBeforeTheValueIsPassedOn() {
        List<String> log = new CopyOnWriteArrayList<>();
        Flux<Integer> queued = Flux.range(1, 3)
                .doOnRequest(n -> log.add("request " + n))
                .transform(queue(2))
                .doOnNext(v -> log.add("take " + v));
        StepVerifier.create(queued, 1).expectNext(1).thenCancel().verify();
        assertThat(log).containsExactly("request 2", "request 1", "take 1");
    }

    @Test
    void anErrorComesAfterTheQueuedValues() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(queue(2)), 0)
                .then(() -> source.next(1, 2).error(new IllegalStateException("boom")))
                .thenRequest(2)
                .expectNext(1, 2)
                .verifyErrorMessage("boom");
    }

    @Test
    void aBatchedQueueAdmitsNothingUntilABatchWasPassedOn() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(queueBatched(4, Schedulers.immediate())), 0)
                .then(() -> source.next(1, 2, 3, 4))
                .thenRequest(2)
                .expectNext(1, 2)
                .then(() -> source.assertMaxRequested(0))
                .thenRequest(1)
                .expectNext(3)
                .then(() -> source.assertMinRequested(3))
                .thenCancel()
                .verify();
        source.assertCancelled();
    }

    @Test
    void queueRejectsACapacityBelowOne() {
        assertThatThrownBy(() -> queue(0, Schedulers.immediate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> queue(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queueBatched(0, Schedulers.immediate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void aMeasuredStageShowsLittlesLawOnKnownRates() {
        VirtualTimeScheduler vts = VirtualTimeScheduler.create();
        StageMeter meter = new StageMeter(() -> vts.now(TimeUnit.NANOSECONDS));
        Flux<Long> arrivals = Flux.interval(Duration.ofSeconds(1), vts).take(10);
        Flux<Long> stage = arrivals.transform(measured(
                meter,
                in -> in.flatMapSequential(
                        v -> Mono.delay(Duration.ofSeconds(3), vts).thenReturn(v))));
        StepVerifier.withVirtualTime(() -> stage, () -> vts, Long.MAX_VALUE)
                .thenAwait(Duration.ofSeconds(13))
                .expectNextCount(10)
                .verifyComplete();
        StageMeter.Snapshot snap = meter.snapshot();
        assertThat(snap.w()).isEqualTo(3.0, within(1e-9));
        assertThat(snap.lambda()).isEqualTo(10 / 13.0, within(1e-9));
        assertThat(snap.l()).isEqualTo(30 / 13.0, within(1e-9));
        assertThat(snap.l()).isEqualTo(snap.lambda() * snap.w(), within(1e-9));
    }
}
