package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link OrDoneExample} on fake time: a stream that never closes is read until done closes at 3.5 s. */
class OrDoneExampleTest {

    private final FakeClock clock = new FakeClock();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void theLoopReadsThreeValuesAndEndsWhenDoneCloses() throws InterruptedException {
        Thread main = Go.go(() -> OrDoneExample.overChannels(out::add, clock));
        driver.runUntil(() -> !main.isAlive());
        assertThat(out).containsExactly("val: 1", "val: 2", "val: 3", "done after 3.5s");
        Goroutines.assertAllEnded();
    }

    @Test
    void theReactorFormPrintsTheSame() throws InterruptedException {
        Thread main = Go.go(() -> OrDoneExample.withReactor(out::add, clock));
        driver.runUntil(() -> !main.isAlive());
        assertThat(out).containsExactly("val: 1", "val: 2", "val: 3", "done after 3.5s");
    }
}
