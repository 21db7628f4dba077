package io.github.chanflux.reactor;

import static io.github.chanflux.reactor.GoFlux.cast;
import static io.github.chanflux.reactor.GoFlux.generator;
import static io.github.chanflux.reactor.GoFlux.goStage;
import static io.github.chanflux.reactor.GoFlux.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.util.context.Context;

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

    @Test
    void aGoStagePassesEveryValueInOrder() {
        StepVerifier.create(generator(1, 2, 3, 4).transform(goStage(i -> i * 2)))
                .expectNext(2, 4, 6, 8)
                .verifyComplete();
    }

    @Test
    void aGoStageTakesTheNextValueOnlyOnceTheCurrentOneWasTaken() {
        FakeClockDriver driver = new FakeClockDriver(new FakeClock());
        Chan<Long> requests = Chan.make(16);
        Flux<Integer> source = Flux.range(1, 10).doOnRequest(requests::trySend);
        StepVerifier.create(source.transform(goStage(i -> i)), 0)
                .then(() -> awaitIdle(driver))
                .then(() -> assertThat(drain(requests)).containsExactly(1L))
                .thenRequest(1)
                .expectNext(1)
                .then(() -> awaitIdle(driver))
                .then(() -> assertThat(drain(requests)).containsExactly(1L))
                .thenCancel()
                .verify();
    }

    @Test
    void aGoStageWhoseFunctionThrowsErrorsAndCancelsTheSource() throws InterruptedException {
        Chan<Void> cancelled = Chan.make();
        Flux<Integer> source = Flux.range(1, 10).doOnCancel(cancelled::close);
        StepVerifier.create(source.transform(goStage(i -> {
                    if (i == 2) {
                        throw new IOException("boom at " + i);
                    }
                    return i;
                })))
                .expectNext(1)
                .verifyErrorSatisfies(
                        e -> assertThat(e).isInstanceOf(IOException.class).hasMessage("boom at 2"));
        assertThat(cancelled.receive().ok()).isFalse();
    }

    /** An Error from the function fails the flux; it used to end the goroutine and complete it. */
    @Test
    void aGoStageWhoseFunctionThrowsAnErrorFailsWithIt() {
        StepVerifier.create(generator(1, 2, 3).transform(goStage(i -> {
                    if (i == 2) {
                        throw new AssertionError("broken at " + i);
                    }
                    return i;
                })))
                .expectNext(1)
                .verifyErrorSatisfies(
                        e -> assertThat(e).isInstanceOf(AssertionError.class).hasMessage("broken at 2"));
    }

    @Test
    void aGoStageWhoseFunctionReturnsNullErrors() {
        StepVerifier.create(generator(1).transform(goStage(i -> null))).verifyError(NullPointerException.class);
    }

    @Test
    void aGoStagePassesTheSourcesErrorOnAfterItsValues() {
        Flux<Integer> source = Flux.just(1, 2).concatWith(Flux.error(new IllegalStateException("source failed")));
        StepVerifier.create(source.transform(goStage(i -> i * 10)))
                .expectNext(10, 20)
                .verifyErrorMessage("source failed");
    }

    @Test
    void cancellingAGoStageCancelsTheSourceAndInterruptsItsFunction() throws InterruptedException {
        Chan<Void> started = Chan.make();
        Chan<Void> interrupted = Chan.make();
        Chan<Void> cancelled = Chan.make();
        Flux<Integer> source = Flux.range(1, 10).doOnCancel(cancelled::close);
        StepVerifier.create(source.transform(goStage(i -> {
                    started.close();
                    try {
                        return Chan.<Integer>make().receive().value();
                    } catch (InterruptedException e) {
                        interrupted.close();
                        throw e;
                    }
                })))
                .then(() -> awaitClose(started))
                .thenCancel()
                .verify();
        assertThat(interrupted.receive().ok()).isFalse();
        assertThat(cancelled.receive().ok()).isFalse();
    }

    @Test
    void aGoStagePassesTheSubscribersContextToTheSource() {
        Flux<String> source = Flux.deferContextual(view -> Flux.just(view.<String>get("user")));
        StepVerifier.create(source.transform(goStage(String::toUpperCase)).contextWrite(Context.of("user", "gopher")))
                .expectNext("GOPHER")
                .verifyComplete();
    }

    @Test
    void goStageRejectsANullFunction() {
        assertThatThrownBy(() -> goStage(null)).isInstanceOf(NullPointerException.class);
    }

    private static void awaitIdle(FakeClockDriver driver) {
        try {
            driver.awaitIdle();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitClose(Chan<Void> c) {
        try {
            c.receive();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> drain(Chan<Long> c) {
        List<Long> out = new ArrayList<>();
        for (Received<Long> r = c.tryReceive(); r != null && r.ok(); r = c.tryReceive()) {
            out.add(r.value());
        }
        return out;
    }
}
