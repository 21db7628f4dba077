package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Heartbeat} without the passing of time; the book's timed scenarios are in chanflux-test. */
class HeartbeatTest extends DoneScope {

    private final FakeClock clock = new FakeClock();
    private final Duration second = Duration.ofSeconds(1);

    @Test
    void workUnitsPulseAtTheStartOfEachUnitAndDeliverEveryResult() throws InterruptedException {
        Heartbeat<Integer> hb = Heartbeat.workUnits(done, clock, w -> {
            for (int n : List.of(0, 1, 2, 3, 5)) {
                w.pulse();
                if (!w.send(n)) {
                    return;
                }
            }
        });
        assertThat(hb.heartbeat().receive()).isEqualTo(Received.of(clock.now()));
        assertThat(drain(hb.results())).containsExactly(0, 1, 2, 3, 5);
        assertThat(drain(hb.heartbeat()))
                .as("the pulses the reader missed were dropped but one")
                .hasSize(1);
    }

    @Test
    void pulsesNobodyReadsAreDroppedNotWaitedFor() {
        Heartbeat<String> hb = Heartbeat.workUnits(done, clock, w -> {
            for (int i = 0; i < 1000; i++) {
                w.pulse();
            }
            w.send("done pulsing");
        });
        assertThat(drain(hb.results())).containsExactly("done pulsing");
        assertThat(drain(hb.heartbeat())).hasSize(1);
    }

    @Test
    void closingDoneStopsAWorkerBlockedOnSend() throws InterruptedException {
        Chan<Boolean> sent = Chan.make(1);
        Heartbeat<String> hb = Heartbeat.interval(done, second, clock, w -> sent.send(w.send("never read")));
        done.close();
        assertThat(sent.receive().value()).isFalse();
        assertThat(drain(hb.results())).isEmpty();
        assertThat(drain(hb.heartbeat())).isEmpty();
    }

    @Test
    void closingDoneStopsAWorkerBlockedOnReceive() throws InterruptedException {
        Chan<Received<Object>> got = Chan.make(1);
        Heartbeat<String> hb = Heartbeat.interval(done, second, clock, w -> got.send(w.receive(Chan.nil())));
        done.close();
        assertThat(got.receive().value().ok()).isFalse();
        assertThat(drain(hb.results())).isEmpty();
    }

    @Test
    void receivePassesOnTheInputAndItsClose() throws InterruptedException {
        Chan<Integer> in = Chan.make(2);
        in.send(7);
        in.close();
        Heartbeat<Integer> hb = Heartbeat.interval(done, second, clock, w -> {
            for (Received<Integer> r = w.receive(in); r.ok(); r = w.receive(in)) {
                w.send(r.value() * 6);
            }
        });
        assertThat(drain(hb.results())).containsExactly(42);
    }

    @Test
    void bothChannelsCloseWhenTheWorkThrows() {
        Heartbeat<Integer> hb = Heartbeat.workUnits(done, clock, w -> {
            w.pulse();
            throw new IllegalStateException("worker failed (expected by the test)");
        });
        assertThat(drain(hb.results())).isEmpty();
        assertThat(drain(hb.heartbeat())).hasSize(1);
    }

    @Test
    void theIntervalTickerIsStoppedWhenTheWorkerEnds() {
        Heartbeat<Integer> hb = Heartbeat.interval(done, second, clock, w -> w.send(1));
        assertThat(drain(hb.results())).containsExactly(1);
        drain(hb.heartbeat());
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void zeroOrNegativeIntervalsAreRejectedAtTheCall() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
            assertThatThrownBy(() -> Heartbeat.interval(done, bad, clock, w -> {}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("heartbeat needs pulseInterval > 0, got " + bad);
        }
    }

    @Test
    void nullArgumentsAreRejectedAtTheCallByName() {
        Heartbeat.Work<Integer> work = w -> {};
        assertThatThrownBy(() -> Heartbeat.interval(null, second, clock, work)).hasMessage("done");
        assertThatThrownBy(() -> Heartbeat.interval(done, null, clock, work)).hasMessage("pulseInterval");
        assertThatThrownBy(() -> Heartbeat.interval(done, second, null, work)).hasMessage("clock");
        assertThatThrownBy(() -> Heartbeat.interval(done, second, clock, null)).hasMessage("work");
        assertThatThrownBy(() -> Heartbeat.workUnits(null, Clock.system(), work))
                .hasMessage("done");
        assertThatThrownBy(() -> Heartbeat.workUnits(done, null, work)).hasMessage("clock");
        assertThatThrownBy(() -> Heartbeat.workUnits(done, clock, null)).hasMessage("work");
    }

    @Test
    void aNullResultIsRejectedByName() throws InterruptedException {
        Chan<String> failure = Chan.make(1);
        Heartbeat<Instant> hb = Heartbeat.workUnits(done, clock, w -> {
            try {
                w.send(null);
            } catch (NullPointerException e) {
                failure.send(e.getMessage());
            }
        });
        assertThat(drain(hb.results())).isEmpty();
        assertThat(failure.receive().value()).isEqualTo("result");
    }
}
