package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.test.Goroutines;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StewardExample} on fake time, both forms: the book's log, restarts at 4 s and 8 s, halt at 9 s. */
class StewardExampleTest {

    @Test
    void theIrresponsibleWardIsRestartedEveryFourSecondsUntilMainHaltsAtNine() throws InterruptedException {
        List<String> out = new TimedRun().run(StewardExample::overChannels);
        assertThat(out).hasSize(10);
        assertThat(out.get(0)).isEqualTo("00:00:00 ward: Hello, I'm irresponsible!");
        assertThat(out.get(1)).isEqualTo("00:00:04 steward: ward unhealthy; restarting");
        assertThat(out.subList(2, 4))
                .containsExactlyInAnyOrder("00:00:04 ward: Hello, I'm irresponsible!", "00:00:04 ward: I am halting.");
        assertThat(out.get(4)).isEqualTo("00:00:08 steward: ward unhealthy; restarting");
        assertThat(out.subList(5, 7))
                .containsExactlyInAnyOrder("00:00:08 ward: Hello, I'm irresponsible!", "00:00:08 ward: I am halting.");
        assertThat(out.subList(7, 10))
                .containsExactly(
                        "00:00:09 main: halting steward and ward.", "00:00:09 ward: I am halting.", "00:00:09 Done");
        Goroutines.assertAllEnded();
    }

    @Test
    void theReactorFormLogsEachOldWardsHaltBeforeTheRestart() throws InterruptedException {
        TimedRun run = new TimedRun();
        List<String> out = run.run(StewardExample::withReactor);
        assertThat(out)
                .containsExactly(
                        "00:00:00 ward: Hello, I'm irresponsible!",
                        "00:00:04 ward: I am halting.",
                        "00:00:04 steward: ward unhealthy; restarting",
                        "00:00:04 ward: Hello, I'm irresponsible!",
                        "00:00:08 ward: I am halting.",
                        "00:00:08 steward: ward unhealthy; restarting",
                        "00:00:08 ward: Hello, I'm irresponsible!",
                        "00:00:09 main: halting steward and ward.",
                        "00:00:09 ward: I am halting.",
                        "00:00:09 Done");
        assertThat(run.clock.pendingTimers()).isZero();
    }

    @Test
    void theProgramRunsTheChannelFormThenTheReactorForm() throws InterruptedException {
        List<String> out = new TimedRun().run(StewardExample::run);
        assertThat(out).hasSize(21);
        assertThat(out.get(9)).isEqualTo("00:00:09 Done");
        assertThat(out.get(10)).isEqualTo("-- the same with Reactor --");
        assertThat(out.get(11)).isEqualTo("00:00:09 ward: Hello, I'm irresponsible!");
        assertThat(out.get(20)).isEqualTo("00:00:18 Done");
        Goroutines.assertAllEnded();
    }
}
