package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link HeartbeatExample} on fake time: the book's heartbeat programs of 5.3. */
class HeartbeatExampleTest {

    private final TimedRun t = new TimedRun();

    @Test
    void intervalPulsesEverySecondAndResultsEveryTwoUntilDoneAtTen() throws InterruptedException {
        List<String> out = t.run((o, clock) -> HeartbeatExample.interval(o, clock));
        assertThat(out)
                .filteredOn(l -> l.startsWith("results"))
                .containsExactly("results 2", "results 4", "results 6", "results 8");
        assertThat(out).filteredOn("pulse"::equals).hasSizeBetween(9, 10);
        assertThat(out).doesNotContain("worker goroutine is not healthy!");
    }

    @Test
    void aWorkerThatStopsIsFoundUnhealthyTwoSecondsAfterItsLastSign() throws InterruptedException {
        List<String> out = t.run((o, clock) -> HeartbeatExample.unhealthy(o, clock));
        assertThat(out.getFirst()).as("the pulse at 1 s").isEqualTo("pulse");
        assertThat(out.getLast()).isEqualTo("worker goroutine is not healthy!");
        assertThat(out.subList(1, out.size() - 1))
                .as("at 2 s the result, and a pulse of the same instant in either order")
                .contains("results 2")
                .hasSizeBetween(1, 2)
                .allMatch(l -> l.equals("results 2") || l.equals("pulse"));
        assertThat(t.clock.now())
                .isEqualTo(t.clock
                        .now()
                        .truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                        .plusSeconds(4));
    }

    @Test
    void workUnitsPulseBeforeEachOfTenResults() throws InterruptedException {
        List<String> out = t.run((o, clock) -> HeartbeatExample.workUnits(o, clock, new Random(53)));
        Random expected = new Random(53);
        List<String> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add("results " + expected.nextInt(10));
        }
        assertThat(out).filteredOn(l -> l.startsWith("results")).isEqualTo(results);
        // A pulse and a result can both be ready at once, and select picks at random (as Go's);
        // a pulse finding the one-slot heartbeat full is dropped. So: pulses, but no fixed order.
        assertThat(out).contains("pulse");
    }

    @Test
    void theReactorFormPulsesBetweenTheSameResults() throws InterruptedException {
        List<String> out = t.run((o, clock) -> HeartbeatExample.intervalWithReactor(o, clock));
        assertThat(out)
                .containsExactly(
                        "pulse",
                        "results 2",
                        "pulse",
                        "results 4",
                        "pulse",
                        "results 6",
                        "pulse",
                        "results 8",
                        "pulse");
    }
}
