package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BatchPipeline}: stages over whole slices, "Concurrency in Go" 4.6. */
class BatchPipelineTest {

    @Test
    void addOfMultiplyPrintsThreeFiveSevenNine() {
        List<String> out = new ArrayList<>();
        BatchPipeline.run(out::add);
        assertThat(out).containsExactly("3", "5", "7", "9");
    }

    @Test
    void eachStageReturnsANewSliceAndLeavesItsInputAlone() {
        int[] ints = {1, 2, 3, 4};
        int[] multiplied = BatchPipeline.multiply(ints, 2);
        assertThat(multiplied).containsExactly(2, 4, 6, 8).isNotSameAs(ints);
        int[] added = BatchPipeline.add(multiplied, 1);
        assertThat(added).containsExactly(3, 5, 7, 9).isNotSameAs(multiplied);
        assertThat(ints).containsExactly(1, 2, 3, 4);
        assertThat(multiplied).containsExactly(2, 4, 6, 8);
    }

    @Test
    void stagesCompose() {
        assertThat(BatchPipeline.multiply(BatchPipeline.add(BatchPipeline.multiply(new int[] {1, 2, 3, 4}, 2), 1), 2))
                .containsExactly(6, 10, 14, 18);
    }
}
