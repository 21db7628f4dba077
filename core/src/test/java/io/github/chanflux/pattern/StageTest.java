package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.cast;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.stage;
import static io.github.chanflux.pattern.Patterns.take;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.errors.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageTest extends DoneScope {

    static RecvChan<Integer> multiply(RecvChan<?> done, RecvChan<Integer> in, int multiplier) {
        return stage(done, in, i -> i * multiplier);
    }

    static RecvChan<Integer> add(RecvChan<?> done, RecvChan<Integer> in, int additive) {
        return stage(done, in, i -> i + additive);
    }

    @Test
    void multiplyAddMultiplyPipelineGivesTheBooksOutput() {
        RecvChan<Integer> intStream = generator(done, 1, 2, 3, 4);
        RecvChan<Integer> pipeline = multiply(done, add(done, multiply(done, intStream, 2), 1), 2);
        assertThat(drain(pipeline)).containsExactly(6, 10, 14, 18);
    }

    @Test
    void toStringStageTurnsValuesIntoStrings() {
        RecvChan<Object> values = take(done, repeat(done, (Object) "I", "am."), 3);
        assertThat(drain(stage(done, values, Object::toString))).containsExactly("I", "am.", "I");
    }

    @Test
    void castStageTypesValuesOfAnInterfaceStream() {
        RecvChan<Object> any = generator(done, (Object) 1, 2);
        RecvChan<Integer> ints = cast(done, any, Integer.class);
        assertThat(drain(ints)).containsExactly(1, 2);
    }

    @Test
    void closingDoneTearsDownTheWholePipeline() throws InterruptedException {
        RecvChan<Integer> pipeline = multiply(done, add(done, repeat(done, 1), 1), 2);
        assertThat(pipeline.receive().value()).isEqualTo(4);
        done.close();
        drain(pipeline);
        Goroutines.assertAllEnded();
    }

    @Test
    void aLiftedStageDeliversEachFailureAsAValueAndGoesOn() {
        IllegalArgumentException odd = new IllegalArgumentException("odd");
        RecvChan<Result<Integer>> halves = stage(done, generator(done, 2, 3, 4), Result.lift(i -> {
            if (i % 2 != 0) {
                throw odd;
            }
            return i / 2;
        }));
        assertThat(drain(halves)).containsExactly(Result.ok(1), Result.error(odd), Result.ok(2));
    }

    @Test
    void aLiftedFanOutKeepsEveryWorkerAndEveryFailure() {
        RecvChan<Result<Integer>> out = Patterns.fanOut(done, generator(done, 1, 2, 3, 4, 5, 6), 2, Result.lift(i -> {
            if (i % 3 == 0) {
                throw new IllegalStateException("multiple of 3: " + i);
            }
            return i;
        }));
        List<Result<Integer>> results = drain(out);
        assertThat(results).hasSize(6);
        assertThat(results).filteredOn(Result::isError).hasSize(2);
        assertThat(results)
                .filteredOn(r -> !r.isError())
                .extracting(Result::orElseThrow)
                .containsExactlyInAnyOrder(1, 2, 4, 5);
    }

    @Test
    void repeatingAResultDeliversFailuresOfTheFunction() {
        int[] calls = {0};
        RecvChan<Result<Integer>> values = take(
                done,
                Patterns.repeatFn(
                        done,
                        () -> Result.of(() -> {
                            if (++calls[0] == 2) {
                                throw new IllegalStateException("second call");
                            }
                            return calls[0];
                        })),
                3);
        List<Result<Integer>> got = drain(values);
        assertThat(got).hasSize(3);
        assertThat(got.get(0)).isEqualTo(Result.ok(1));
        assertThat(got.get(1).isError()).isTrue();
        assertThat(got.get(2)).isEqualTo(Result.ok(3));
    }

    @Test
    void filterKeepsTheMatchingValuesInOrder() {
        RecvChan<Integer> evens = Patterns.filter(done, generator(done, 1, 2, 3, 4, 5, 6), i -> i % 2 == 0);
        assertThat(drain(evens)).containsExactly(2, 4, 6);
    }

    @Test
    void closingDoneStopsAFilterThatFindsNothing() throws InterruptedException {
        RecvChan<Integer> none = Patterns.filter(done, repeat(done, 1), i -> false);
        done.close();
        assertThat(none.receive().ok()).isFalse();
        Goroutines.assertAllEnded();
    }
}
