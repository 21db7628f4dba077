package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link OrChannelExample} on fake time: {@code or} closes with the 1 s signal, in both forms. */
class OrChannelExampleTest {

    private final FakeClock clock = new FakeClock();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void orClosesAfterOneSecondInBothFormsAndNoSignalIsLeftRunning() throws InterruptedException {
        Thread main = Go.go(() -> OrChannelExample.run(out::add, clock));
        driver.runUntil(() -> !main.isAlive());
        assertThat(out).containsExactly("done after 1s", "-- the same with Reactor --", "done after 1s");
        assertThat(clock.now()).isEqualTo(FakeClock.EPOCH.plusSeconds(2));
        Goroutines.assertAllEnded();
    }
}
