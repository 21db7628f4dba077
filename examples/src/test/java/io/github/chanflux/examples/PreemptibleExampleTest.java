package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.test.Goroutines;
import org.junit.jupiter.api.Test;

/** {@link PreemptibleExample} on fake time: cancellation takes effect within one step, or at once for a blocking step. */
class PreemptibleExampleTest {

    @Test
    void cancellingStopsBetweenStepsAndInterruptsABlockingStep() throws InterruptedException {
        TimedRun t = new TimedRun();
        assertThat(t.run(PreemptibleExample::run))
                .containsExactly(
                        "longCalculation(1) = 2",
                        "longCalculation(2) = 4",
                        "done never closed: 4, after 2s",
                        "longCalculation(1) = 2",
                        "done closed at 0.5s: canceled, after 1s",
                        "blocking step, done closed at 1s: canceled, after 1s",
                        "-- the same with Reactor --",
                        "blocking step, 1s timeout: canceled: context deadline exceeded, after 1s");
        Goroutines.assertAllEnded();
        assertThat(t.clock.pendingTimers()).as("no cancel timer left pending").isZero();
    }
}
