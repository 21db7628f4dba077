package io.github.chanflux.rate;

import static io.github.chanflux.rate.LimiterAllowTest.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Limit's edge values: infinities, NaN and durations beyond Go's 292 years. */
class LimitTest {

    /** Go's largest Duration, about 292 years. */
    private static final Duration MAX_GO_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    @Test
    void positiveInfinityIsInf() {
        assertThat(Limit.of(Double.POSITIVE_INFINITY)).isEqualTo(Limit.INF);
        assertThat(Limit.of(Double.POSITIVE_INFINITY).isInf()).isTrue();
    }

    @Test
    void anInfiniteLimitNeverPutsNaNInTheBucket() {
        Limiter lim = new Limiter(Limit.of(Double.POSITIVE_INFINITY), 1);
        assertThat(lim.allowN(T0, 1)).isTrue();
        assertThat(lim.allowN(T0, 1)).isTrue();
        lim.setLimitAt(T0, Limit.of(1));
        int allowed = 0;
        for (int i = 0; i < 100; i++) {
            allowed += lim.allowN(T0, 1) ? 1 : 0;
        }
        assertThat(lim.tokensAt(T0)).isNotNaN();
        assertThat(allowed).as("a 1/s burst-1 limiter at one instant").isLessThanOrEqualTo(1);
    }

    @Test
    void nanIsRejectedNamingTheArgument() {
        assertThatThrownBy(() -> Limit.of(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perSecond")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> Limit.of(Double.NEGATIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("perSecond")
                .hasMessageContaining("-Infinity");
    }

    @Test
    void everyOverGosLongestDurationSaturatesToATinyLimit() {
        Limit tiny = Limit.every(MAX_GO_DURATION);
        assertThat(Limit.every(Duration.ofDays(365L * 300))).isEqualTo(tiny);
        assertThat(Limit.every(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(tiny);
        assertThat(tiny.perSecond()).isPositive().isLessThan(1e-9);
    }

    @Test
    void perOverGosLongestDurationSaturatesToATinyLimit() {
        assertThat(Limit.per(1, Duration.ofDays(365L * 300))).isEqualTo(Limit.every(MAX_GO_DURATION));
        assertThat(Limit.per(2, Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Limit.every(MAX_GO_DURATION.dividedBy(2)));
    }

    @Test
    void limiterMethodsSaturateHugeTimes() {
        Limiter lim = new Limiter(Limit.of(1), 1);
        for (Instant t : new Instant[] {Instant.MIN, Instant.MAX, T0}) {
            lim.tokensAt(t);
            lim.allowN(t, 1);
            Reservation r = lim.reserveN(t, 1);
            r.delayFrom(Instant.MIN);
            r.delayFrom(Instant.MAX);
            r.cancelAt(t);
            lim.reserveN(t, 1, Duration.ofSeconds(Long.MAX_VALUE));
            lim.reserveN(t, 1, Duration.ofSeconds(Long.MIN_VALUE));
            lim.setLimitAt(t, Limit.every(Duration.ofSeconds(Long.MAX_VALUE)));
            lim.setBurstAt(t, 1);
            assertThat(lim.tokensAt(t)).as("tokens at %s", t).isNotNaN();
        }
    }
}
