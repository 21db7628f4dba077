package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Queuing} on fake time, both forms: the book's table, a buffer frees the short stage but not the pipeline. */
class QueuingTest {

    private final FakeClock clock = new FakeClock();
    private final FakeClockDriver driver = new FakeClockDriver(clock);

    /** One way of running the pipeline: over channels or with Reactor. */
    @FunctionalInterface
    private interface Form {
        Queuing.Times run(Clock clock, int buffer) throws Exception;
    }

    private Queuing.Times run(Form form, int buffer) throws InterruptedException {
        Chan<Queuing.Times> times = Chan.make(1);
        Go.go(() -> times.send(form.run(clock, buffer)));
        driver.runUntil(() -> times.len() == 1);
        return times.receive().value();
    }

    @Test
    void unbufferedTheShortStageWaitsOnTheLongOneUntilNineSeconds() throws InterruptedException {
        assertThat(run(Queuing::overChannels, 0))
                .isEqualTo(new Queuing.Times(Duration.ofSeconds(9), Duration.ofSeconds(13)));
    }

    @Test
    void withABufferOfTwoTheShortStageEndsAtThreeSecondsAndThePipelineStillTakesThirteen() throws InterruptedException {
        assertThat(run(Queuing::overChannels, 2))
                .isEqualTo(new Queuing.Times(Duration.ofSeconds(3), Duration.ofSeconds(13)));
    }

    @Test
    void reactorGoStagesGiveTheSameFiguresUnbuffered() throws InterruptedException {
        assertThat(run(Queuing::withReactor, 0))
                .isEqualTo(new Queuing.Times(Duration.ofSeconds(9), Duration.ofSeconds(13)));
    }

    @Test
    void reactorGoStagesWithAQueueOfTwoGiveTheSameFigures() throws InterruptedException {
        assertThat(run(Queuing::withReactor, 2))
                .isEqualTo(new Queuing.Times(Duration.ofSeconds(3), Duration.ofSeconds(13)));
    }

    @Test
    void theProgramPrintsBothFormsAlike() throws InterruptedException {
        List<String> out = new TimedRun().run(Queuing::run);
        String unbuffered = "buffer 0: short stage done after 9s, pipeline done after 13s";
        String buffered = "buffer 2: short stage done after 3s, pipeline done after 13s";
        assertThat(out).containsExactly(unbuffered, buffered, "-- the same with Reactor --", unbuffered, buffered);
    }
}
