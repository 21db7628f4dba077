package io.github.chanflux.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The delay of a hedged request: fixed, or the nearest-rank percentile of a window of latencies. */
class HedgeDelayTest {

    private static Duration ms(long ms) {
        return Duration.ofMillis(ms);
    }

    @Test
    void aFixedDelayIgnoresLatencies() {
        HedgeDelay fixed = HedgeDelay.fixed(ms(50));
        fixed.record(ms(1));
        assertThat(fixed.current()).isEqualTo(ms(50));
        assertThat(fixed.isFixed()).isTrue();
        assertThat(fixed).hasToString("fixed(PT0.05S)");
    }

    @Test
    void thePercentileIsTheInitialDelayUntilALatencyIsRecorded() {
        HedgeDelay p95 = HedgeDelay.percentile(95, 10, ms(80));
        assertThat(p95.current()).isEqualTo(ms(80));
        assertThat(p95.isFixed()).isFalse();
    }

    @Test
    void thePercentileIsTheNearestRankOfTheRecordedLatencies() {
        HedgeDelay p95 = HedgeDelay.percentile(95, 20, ms(1));
        for (int i = 1; i <= 20; i++) {
            p95.record(ms(i * 10));
        }
        assertThat(p95.current()).isEqualTo(ms(190));
        HedgeDelay p50 = HedgeDelay.percentile(50, 20, ms(1));
        for (int i = 1; i <= 20; i++) {
            p50.record(ms(i * 10));
        }
        assertThat(p50.current()).isEqualTo(ms(100));
    }

    @Test
    void onlyTheLatestWindowCounts() {
        HedgeDelay max = HedgeDelay.percentile(100, 3, ms(1));
        for (long latency : new long[] {500, 10, 20, 30}) {
            max.record(ms(latency));
        }
        assertThat(max.current()).isEqualTo(ms(30));
    }

    @Test
    void aZeroLatencyGivesTheShortestPositiveDelay() {
        HedgeDelay p50 = HedgeDelay.percentile(50, 4, ms(1));
        p50.record(Duration.ZERO);
        assertThat(p50.current()).isEqualTo(Duration.ofNanos(1));
    }
}
