package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link GreetingFarewellDone}: greeting and farewell with a done channel, "Concurrency in Go" 4.12. */
class GreetingFarewellDoneTest {

    @Test
    void bothAreGreetedAfterLocalesMinute() throws InterruptedException {
        TimedRun run = new TimedRun();
        assertThat(run.run(GreetingFarewellDone::run)).containsExactlyInAnyOrder("hello world!", "goodbye world!");
        assertThat(Duration.between(FakeClock.EPOCH, run.clock.now())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aClosedDoneCancelsBothAtOnce() throws InterruptedException {
        FakeClock clock = new FakeClock();
        List<String> out = new CopyOnWriteArrayList<>();
        Chan<Void> done = Chan.make();
        done.close();
        new GreetingFarewellDone(out::add, clock).run(done);
        assertThat(out).containsExactly("canceled", "canceled");
        assertThat(clock.now()).isEqualTo(FakeClock.EPOCH);
    }
}
