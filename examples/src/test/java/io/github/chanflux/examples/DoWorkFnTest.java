package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.test.Goroutines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link DoWorkFn} on fake time, both forms: wards halting at -1 are restarted and the stream reads 1 2 1 2 1 2. */
class DoWorkFnTest {

    @Test
    void restartedWardsFeedOneBridgedStream() throws InterruptedException {
        List<String> out = new TimedRun().run(DoWorkFn::overChannels);
        assertThat(out)
                .filteredOn(l -> l.startsWith("Received"))
                .containsExactly(
                        "Received: 1", "Received: 2", "Received: 1", "Received: 2", "Received: 1", "Received: 2");
        assertThat(out).filteredOn(l -> l.endsWith("negative value: -1")).hasSizeBetween(2, 3);
        Goroutines.assertAllEnded();
    }

    /** Each incarnation emits 1 and 2 and logs -1 while take(6) still asks for more; the third is cut off at 2. */
    @Test
    void theReactorFormReadsTheSameFromSupervisedWards() throws InterruptedException {
        TimedRun run = new TimedRun();
        List<String> out = run.run(DoWorkFn::withReactor);
        assertThat(out)
                .containsExactly(
                        "Received: 1",
                        "Received: 2",
                        "00:00:00 negative value: -1",
                        "Received: 1",
                        "Received: 2",
                        "00:00:00 negative value: -1",
                        "Received: 1",
                        "Received: 2");
        assertThat(run.clock.pendingTimers()).isZero();
    }

    @Test
    void theProgramRunsTheChannelFormThenTheReactorForm() throws InterruptedException {
        List<String> out = new TimedRun().run(DoWorkFn::run);
        assertThat(out).containsSubsequence("Received: 2", "-- the same with Reactor --", "Received: 1");
        assertThat(out).filteredOn(l -> l.startsWith("Received")).hasSize(12);
        Goroutines.assertAllEnded();
    }
}
