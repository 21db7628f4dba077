package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link Demo}: the channel owner, and the first answer of two replicas or a timeout, on fake time. */
class DemoTest {

    private final FakeClock clock = new FakeClock();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void chanOwnerSendsZeroToFiveThenCloses() {
        List<Integer> received = new ArrayList<>();
        Demo.chanOwner().forEach(received::add);
        assertThat(received).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theFastReplicasAnswerComesFirst() throws InterruptedException {
        Thread main = Go.go(() -> Demo.run(out::add, clock));
        driver.runUntil(() -> !main.isAlive());
        assertThat(out)
                .containsExactly(
                        "Received: 0",
                        "Received: 1",
                        "Received: 2",
                        "Received: 3",
                        "Received: 4",
                        "Received: 5",
                        "Done receiving!",
                        "first answer: fast replica");
        assertThat(clock.now()).isEqualTo(FakeClock.EPOCH.plusMillis(10));
        driver.advance(Duration.ofSeconds(5)); // lets the slow replica answer into its buffer and end
    }

    @Test
    void selectTimesOutWhenNeitherReplicaAnswers() throws InterruptedException {
        Thread main = Go.go(() -> out.add(Demo.firstAnswer(clock, Chan.nil(), Chan.nil(), Duration.ofSeconds(1))));
        driver.runUntil(() -> !main.isAlive());
        assertThat(out).containsExactly("timed out");
        assertThat(clock.now()).isEqualTo(FakeClock.EPOCH.plusSeconds(1));
    }

    @Test
    void aLateAnswerNobodyReceivesDoesNotLeakItsGoroutine() throws InterruptedException {
        RecvChan<String> slow = Demo.later(clock, "slow replica", Duration.ofSeconds(5));
        driver.advance(Duration.ofSeconds(5));
        Goroutines.assertAllEnded();
        assertThat(slow.receive().value()).isEqualTo("slow replica");
    }
}
