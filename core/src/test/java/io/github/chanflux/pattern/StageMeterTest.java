package io.github.chanflux.pattern;

import static io.github.chanflux.pattern.Goroutines.drain;
import static io.github.chanflux.pattern.Patterns.generator;
import static io.github.chanflux.pattern.Patterns.measured;
import static io.github.chanflux.pattern.Patterns.queue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StageMeterTest {

    private final AtomicLong now = new AtomicLong();
    private final StageMeter meter = new StageMeter(now::get);

    private void at(long seconds) {
        now.set(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void measuresKnownRatesOfAStableStage() {
        for (int s = 0; s < 10; s++) { // one arrival a second, each stays 3 seconds
            at(s);
            meter.arrive();
            if (s >= 3) {
                meter.depart();
            }
        }
        for (int s = 10; s <= 12; s++) {
            at(s);
            meter.depart();
        }
        StageMeter.Snapshot snap = meter.snapshot();
        assertThat(snap.arrivals()).isEqualTo(10);
        assertThat(snap.departures()).isEqualTo(10);
        assertThat(snap.w()).isEqualTo(3.0);
        assertThat(snap.lambda()).isEqualTo(10 / 12.0, within(1e-12));
        assertThat(snap.l()).isEqualTo(30 / 12.0, within(1e-12));
    }

    @Test
    void littlesLawHoldsOverAWindowThatEndsEmpty() {
        long[][] arriveDepart = {{0, 5}, {1, 2}, {2, 9}, {4, 6}, {7, 8}};
        for (long t = 0; t <= 9; t++) {
            at(t);
            for (long[] unit : arriveDepart) {
                if (unit[1] == t) {
                    meter.depart();
                }
                if (unit[0] == t) {
                    meter.arrive();
                }
            }
        }
        StageMeter.Snapshot snap = meter.snapshot();
        assertThat(snap.l()).isEqualTo(snap.lambda() * snap.w(), within(1e-12));
    }

    @Test
    void departingFromAnEmptyStageIsAnError() {
        assertThatThrownBy(meter::depart)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("arrivals=0");
    }

    @Test
    void measuredStageCountsEveryValueAndSatisfiesLittlesLaw() throws InterruptedException {
        Chan<Void> done = Chan.make();
        StageMeter real = StageMeter.ofSystemTime();
        RecvChan<Integer> out = measured(done, generator(done, 1, 2, 3, 4, 5), real, in -> queue(done, in, 2));
        assertThat(drain(out)).containsExactly(1, 2, 3, 4, 5);
        StageMeter.Snapshot snap = real.snapshot();
        assertThat(snap.arrivals()).isEqualTo(5);
        assertThat(snap.departures()).isEqualTo(5);
        assertThat(snap.l()).isCloseTo(snap.lambda() * snap.w(), within(1e-9 * Math.max(1, snap.l())));
        done.close();
        Goroutines.assertAllEnded();
    }
}
