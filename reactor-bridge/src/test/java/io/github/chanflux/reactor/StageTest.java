package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.cast;
import static io.github.chanflux.reactor.GoFlux.generator;
import static io.github.chanflux.reactor.GoFlux.stage;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class StageTest {

    static Function<Flux<Integer>, Flux<Integer>> multiply(int multiplier) {
        return stage(i -> i * multiplier);
    }

    static Function<Flux<Integer>, Flux<Integer>> add(int additive) {
        return stage(i -> i + additive);
    }

    @Test
    void multiplyAddMultiplyPipelineGivesTheBooksOutput() {
        Flux<Integer> pipeline =
                generator(1, 2, 3, 4).transform(multiply(2)).transform(add(1)).transform(multiply(2));
        StepVerifier.create(pipeline).expectNext(6, 10, 14, 18).verifyComplete();
    }

    @Test
    void toStringStageTurnsValuesIntoStrings() {
        StepVerifier.create(generator(1, 2).transform(stage(Object::toString)))
                .expectNext("1", "2")
                .verifyComplete();
    }

    @Test
    void castStageTypesValuesOfAnInterfaceStream() {
        Flux<Object> any = generator(1, 2);
        StepVerifier.create(any.transform(cast(Integer.class))).expectNext(1, 2).verifyComplete();
    }

    @Test
    void castOfAValueOfAnotherTypeErrorsAndCancelsTheSource() {
        TestPublisher<Object> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(cast(Integer.class)))
                .then(() -> source.next("not an int"))
                .verifyError(ClassCastException.class);
        source.assertCancelled();
    }

    @Test
    void aStagePassesRequestsThroughWithoutPrefetch() {
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(source.flux().transform(multiply(2)), 1)
                .then(() -> source.assertMinRequested(1).assertMaxRequested(1))
                .then(() -> source.next(1))
                .expectNext(2)
                .thenCancel()
                .verify();
        source.assertCancelled();
    }
}
