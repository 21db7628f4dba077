package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.generator;
import static io.github.chanflux.reactor.GoFlux.repeat;
import static io.github.chanflux.reactor.GoFlux.repeatFn;
import static io.github.chanflux.reactor.GoFlux.take;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class GeneratorsTest {

    @Test
    void generatorEmitsItsValuesInOrderThenCompletes() {
        StepVerifier.create(generator(1, 2, 3, 4)).expectNext(1, 2, 3, 4).verifyComplete();
    }

    @Test
    void generatorOfNoValuesCompletesEmpty() {
        StepVerifier.create(GoFlux.<Integer>generator()).verifyComplete();
    }

    @Test
    void generatorEmitsOnlyWhatIsRequested() {
        StepVerifier.create(generator(1, 2, 3), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNext(1)
                .thenRequest(2)
                .expectNext(2, 3)
                .verifyComplete();
    }

    @Test
    void generatorRejectsNullValues() {
        assertThatThrownBy(() -> generator(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void takeOfRepeatCyclesTheValues() {
        StepVerifier.create(repeat("a", "b").transform(take(5)))
                .expectNext("a", "b", "a", "b", "a")
                .verifyComplete();
    }

    @Test
    void repeatRejectsNoValues() {
        assertThatThrownBy(GoFlux::repeat)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void repeatFnCallsTheFunctionOncePerValue() {
        AtomicInteger calls = new AtomicInteger();
        StepVerifier.create(repeatFn(calls::incrementAndGet).transform(take(3)))
                .expectNext(1, 2, 3)
                .verifyComplete();
        assertThat(calls).hasValue(3);
    }

    @Test
    void repeatFnErrorsWhenTheFunctionReturnsNull() {
        StepVerifier.create(repeatFn(() -> null)).verifyError(NullPointerException.class);
    }

    @Test
    void takeNeverRequestsMoreThanNumFromItsSource() {
        AtomicLong requested = new AtomicLong();
        Flux<Integer> ones = repeat(1).doOnRequest(requested::addAndGet);
        StepVerifier.create(ones.transform(take(4))).expectNextCount(4).verifyComplete();
        assertThat(requested).hasValue(4);
    }

    @Test
    void takeCancelsItsSourceAfterNum() {
        reactor.test.publisher.PublisherProbe<Integer> probe = reactor.test.publisher.PublisherProbe.of(repeat(1));
        StepVerifier.create(probe.flux().transform(take(2))).expectNext(1, 1).verifyComplete();
        probe.assertWasCancelled();
    }

    @Test
    void takeRejectsNegativeNum() {
        assertThatThrownBy(() -> take(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
