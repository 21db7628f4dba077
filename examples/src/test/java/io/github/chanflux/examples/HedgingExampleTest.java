package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.test.Goroutines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HedgingExample} on fake time: the hedge answers after 150 ms, not 5 s, in both forms. */
class HedgingExampleTest {

    private static final List<String> ONE_RUN = List.of(
            "attempt 0 sent at 0s",
            "attempt 1 sent at 100ms",
            "attempt 0 canceled at 150ms",
            "answer from replica 1 after 150ms");

    @Test
    void aSecondAttemptAfterTheDelayAnswersAndTheStalledOneIsCanceled() throws InterruptedException {
        TimedRun t = new TimedRun();
        List<String> out = t.run(HedgingExample::run);
        assertThat(out.subList(0, 4)).isEqualTo(ONE_RUN);
        assertThat(out.get(4)).isEqualTo("-- the same with Reactor --");
        assertThat(out.subList(5, 9)).isEqualTo(ONE_RUN);
        Goroutines.assertAllEnded();
    }
}
