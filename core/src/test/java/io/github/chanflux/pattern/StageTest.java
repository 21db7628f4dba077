package io.github.chanflux.pattern;

import io.github.chanflux.chan.RecvChan;
import org.junit.jupiter.api.Test;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.cast;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.stage;
import static io.github.chanflux.pattern.Patterns.take;
import static org.assertj.core.api.Assertions.assertThat;

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
}
