package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Queuing} on fake time: the book's table, a buffer frees the short stage but not the pipeline. */
class QueuingTest {

    private final FakeClock clock = new FakeClock();
    private final FakeClockDriver driver = new FakeClockDriver(clock);

    private Queuing.Times run(int buffer) throws InterruptedException {
        Chan<Queuing.Times> times = Chan.make(1);
        Go.go(() -> times.send(Queuing.run(clock, buffer)));
        driver.runUntil(() -> times.len() == 1);
        return times.receive().value();
    }

    @Test
    void unbufferedTheShortStageWaitsOnTheLongOneUntilNineSeconds() throws InterruptedException {
        assertThat(run(0)).isEqualTo(new Queuing.Times(Duration.ofSeconds(9), Duration.ofSeconds(13)));
    }

    @Test
    void withABufferOfTwoTheShortStageEndsAtThreeSecondsAndThePipelineStillTakesThirteen() throws InterruptedException {
        assertThat(run(2)).isEqualTo(new Queuing.Times(Duration.ofSeconds(3), Duration.ofSeconds(13)));
    }
}
