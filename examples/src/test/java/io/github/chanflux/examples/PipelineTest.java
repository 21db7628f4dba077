package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pipelines of "Concurrency in Go" 4.6 and 4.9 in {@link Pipeline} print what the book prints. */
class PipelineTest {

    private static final long SEED = 4_6L;

    private final List<String> out = new ArrayList<>();

    @Test
    void multiplyAddMultiplyPrintsSixTenFourteenEighteen() {
        Pipeline.multiplyAdd(out::add);
        assertThat(out).containsExactly("6", "10", "14", "18");
    }

    @Test
    void takeStopsTheEndlessRepeatAfterTenValues() {
        Pipeline.repeatTake(out::add);
        assertThat(out).containsExactly("1 1 1 1 1 1 1 1 1 1");
    }

    @Test
    void repeatFnPassesOnTheFunctionsValuesInOrder() {
        Pipeline.repeatFnTake(out::add, new Random(SEED));
        Random expected = new Random(SEED);
        assertThat(out)
                .containsExactly(
                        String.valueOf(expected.nextInt()),
                        String.valueOf(expected.nextInt()),
                        String.valueOf(expected.nextInt()));
    }

    @Test
    void toStringStageJoinsFiveRepeatedTokens() {
        Pipeline.toStringStage(out::add);
        assertThat(out).containsExactly("Iam.Iam.I");
    }

    @Test
    void teeGivesEveryValueToBothOutputs() throws InterruptedException {
        Pipeline.teeBoth(out::add);
        assertThat(out).containsExactly("out1: 1, out2: 1", "out1: 2, out2: 2", "out1: 1, out2: 1", "out1: 2, out2: 2");
    }

    @Test
    void reactorFormPrintsWhatTheChannelFormPrints() throws InterruptedException {
        List<String> overChannels = new ArrayList<>();
        Pipeline.multiplyAdd(overChannels::add);
        Pipeline.teeBoth(overChannels::add);
        Pipeline.withReactor(out::add);
        assertThat(out).isEqualTo(overChannels);
    }
}
