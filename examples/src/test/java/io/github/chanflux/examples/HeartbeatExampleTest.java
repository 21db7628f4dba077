package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
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
    void aWorkerThatStopsAfterTwoTurnsIsFoundUnhealthyTwoSecondsAfterItsLastSign() throws InterruptedException {
        List<String> out = t.run((o, clock) -> HeartbeatExample.unhealthy(o, clock));
        // The book's run took the pulse at 2 s (pulse, pulse, not healthy). On the fake clock the
        // workGen tick, armed first, wins that select; sendResult may pulse once before sending.
        assertThat(out)
                .isIn(
                        List.of("pulse", "results 2", "worker goroutine is not healthy!"),
                        List.of("pulse", "pulse", "results 2", "worker goroutine is not healthy!"));
        assertThat(t.clock.now()).isEqualTo(FakeClock.EPOCH.plusSeconds(4));
        Goroutines.assertAllEnded();
        assertThat(t.clock.pendingTimers())
                .as("the worker's tickers are stopped")
                .isZero();
    }

    @Test
    void theStoppingWorkerReturnsByItselfAfterTwoTurnsOfItsLoop() throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            List<String> out = t.run((o, clock) -> HeartbeatExample.read(
                    HeartbeatExample.doWorkThatPanics(done, Duration.ofSeconds(1), clock), clock, o));
            assertThat(out.getLast()).isEqualTo("worker goroutine is not healthy!");
            Goroutines.assertAllEnded(); // done is still open: the worker's loop ended
            assertThat(t.clock.pendingTimers())
                    .as("the worker's tickers are stopped")
                    .isZero();
        }
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
