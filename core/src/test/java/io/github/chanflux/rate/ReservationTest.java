package io.github.chanflux.rate;

import static io.github.chanflux.rate.LimiterAllowTest.D;
import static io.github.chanflux.rate.LimiterAllowTest.T0;
import static io.github.chanflux.rate.LimiterAllowTest.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.context.Context;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Go's rate_test.go reservation tests: reserve, cancel, jumps back, set limit/burst, max. */
class ReservationTest {

    private static final Duration INF = Duration.ofNanos(Long.MAX_VALUE);

    /** Go's runReserveMax: reserve n at t; expect ok and, if ok, the time to act (in d units). */
    private static Reservation reserve(Limiter lim, Instant t, int n, Instant act, boolean ok, Duration max) {
        Reservation r = lim.reserveN(t, n, max);
        assertThat(r.ok()).as("reserveN(%s, %d).ok", t, n).isEqualTo(ok);
        if (ok) {
            assertThat(dSince(r.timeToAct()))
                    .as("reserveN(%s, %d) time to act, in d", t, n)
                    .isEqualTo(dSince(act));
        }
        return r;
    }

    private static Reservation reserve(Limiter lim, Instant t, int n, Instant act, boolean ok) {
        return reserve(lim, t, n, act, ok, INF);
    }

    /** Multiples of d since t0, rounded to the nearest. */
    private static long dSince(long nanos) {
        return Math.round((nanos - Limiter.nanos(T0)) / (double) D.toNanos());
    }

    private static long dSince(Instant t) {
        return dSince(Limiter.nanos(t));
    }

    /** Only the first cancel gives tokens back; Go's CancelAt would give them back again each time. */
    @Test
    void aSecondCancelGivesNothingBack() {
        Limiter lim = new Limiter(Limit.of(1), 3);
        lim.reserveN(T0, 3);
        Reservation r = lim.reserveN(T0, 1);
        r.cancelAt(T0);
        double once = lim.tokensAt(T0);
        r.cancelAt(T0);
        r.cancelAt(T0);
        assertThat(lim.tokensAt(T0)).isEqualTo(once);
        assertThat(lim.allowN(T0, 3))
                .as("the three tokens taken first are still taken")
                .isFalse();
    }

    @Test
    void aNegativeCountIsRejectedNamingIt() {
        Limiter lim = new Limiter(Limit.of(1), 1);
        for (Runnable call : new Runnable[] {() -> lim.allowN(T0, -5), () -> lim.reserveN(T0, -5)}) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rate: n must not be negative, got -5");
        }
        assertThatThrownBy(() -> lim.awaitN(Context.background(), -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate: n must not be negative, got -1");
        assertThat(lim.tokensAt(T0)).as("nothing taken or given").isEqualTo(1.0);
    }

    /** A zero limit never refills, however far apart the two times (saturated nanoseconds). */
    @Test
    void aZeroLimitNeverRefillsEvenCenturiesLater() {
        Limiter lim = new Limiter(Limit.of(0), 1);
        assertThat(lim.allowN(Instant.parse("1700-01-01T00:00:00Z"), 1)).isTrue();
        assertThat(lim.allowN(Instant.parse("2000-01-01T00:00:00Z"), 1)).isFalse();
    }

    @Test
    void simpleReserve() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 2, t(2), true);
        reserve(lim, t(3), 2, t(4), true);
    }

    @Test
    void mix() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 3, t(1), false);
        reserve(lim, t(0), 2, t(0), true);
        assertThat(lim.tokensAt(t(1))).isEqualTo(1);
        assertThat(lim.allowN(t(1), 2)).isFalse();
        reserve(lim, t(1), 2, t(2), true);
        assertThat(lim.tokensAt(t(1))).isEqualTo(-1);
        assertThat(lim.allowN(t(1), 1)).isFalse();
        assertThat(lim.tokensAt(t(3))).isEqualTo(1);
        assertThat(lim.allowN(t(3), 1)).isTrue();
    }

    @Test
    void cancelOfInvalidReservationHasNoEffect() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 3, t(3), false).cancelAt(t(0));
        reserve(lim, t(0), 2, t(2), true);
    }

    @Test
    void cancelOfLastReservationGivesAllTokensBack() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 2, t(2), true).cancelAt(t(1));
        reserve(lim, t(1), 2, t(2), true);
    }

    @Test
    void cancelAfterTimeToActHasNoEffect() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 2, t(2), true).cancelAt(t(3));
        reserve(lim, t(3), 2, t(4), true);
    }

    @Test
    void cancelGivesNothingBackThatLaterReservationsRelyOn() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        Reservation r = reserve(lim, t(0), 1, t(1), true);
        reserve(lim, t(0), 1, t(2), true);
        r.cancelAt(t(0));
        reserve(lim, t(0), 1, t(3), true);
    }

    @Test
    void cancelGivesOneTokenBackWhenOneIsFree() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true);
        Reservation r = reserve(lim, t(0), 2, t(2), true);
        reserve(lim, t(0), 1, t(3), true);
        r.cancelAt(t(2));
        reserve(lim, t(2), 2, t(4), true);
    }

    @Test
    void cancelOfSeveralReservations() {
        Limiter lim = new Limiter(Limit.of(10), 4);
        reserve(lim, t(0), 4, t(0), true);
        Reservation a = reserve(lim, t(0), 3, t(3), true);
        reserve(lim, t(0), 1, t(4), true);
        Reservation c = reserve(lim, t(0), 1, t(5), true);
        c.cancelAt(t(1));
        a.cancelAt(t(1));
        reserve(lim, t(1), 3, t(5), true);
    }

    @Test
    void reserveJumpBack() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(1), 2, t(1), true);
        reserve(lim, t(0), 1, t(1), true);
        reserve(lim, t(2), 2, t(3), true);
        reserve(lim, t(0), 3, T0, false);
        reserve(lim, t(2), 1, t(4), true);
        reserve(lim, t(0), 2, T0, false, D);
        reserve(lim, t(2), 1, t(5), true);
    }

    @Test
    void reserveJumpBackCancel() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(1), 2, t(1), true);
        Reservation r = reserve(lim, t(1), 2, t(3), true);
        reserve(lim, t(1), 1, t(4), true);
        r.cancelAt(t(0));
        reserve(lim, t(1), 2, t(4), true);
    }

    @Test
    void reserveSetLimit() {
        Limiter lim = new Limiter(Limit.of(5), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 2, t(4), true);
        lim.setLimitAt(t(2), Limit.of(10));
        reserve(lim, t(2), 1, t(4), true);
    }

    @Test
    void reserveSetBurst() {
        Limiter lim = new Limiter(Limit.of(5), 2);
        reserve(lim, t(0), 2, t(0), true);
        reserve(lim, t(0), 2, t(4), true);
        lim.setBurstAt(t(3), 4);
        reserve(lim, t(0), 4, t(9), true);
    }

    @Test
    void reserveSetLimitCancel() {
        Limiter lim = new Limiter(Limit.of(5), 2);
        reserve(lim, t(0), 2, t(0), true);
        Reservation r = reserve(lim, t(0), 2, t(4), true);
        lim.setLimitAt(t(2), Limit.of(10));
        r.cancelAt(t(2));
        reserve(lim, t(2), 2, t(3), true);
    }

    /**
     * A reservation made under Inf carries Go's zero limit, not Inf: cancelled after the limit is
     * finite again, it gives back its one token, no more.
     */
    @Test
    void cancelOfReservationMadeUnderInfGivesBackItsTokensOnly() {
        Limiter lim = new Limiter(Limit.of(1), 100);
        assertThat(lim.allowN(T0, 100)).isTrue();
        Instant later = T0.plusSeconds(1);
        lim.setLimitAt(later, Limit.INF);
        Reservation r = lim.reserveN(later, 1);
        lim.setLimitAt(later, Limit.of(1));
        r.cancelAt(later);
        assertThat(lim.tokensAt(later)).isEqualTo(2);
    }

    @Test
    void reserveMax() {
        Limiter lim = new Limiter(Limit.of(10), 2);
        reserve(lim, t(0), 2, t(0), true, D);
        reserve(lim, t(0), 1, t(1), true, D);
        reserve(lim, t(0), 1, t(2), false, D);
    }

    @Test
    void delayIsTheTimeUntilTheTimeToAct() {
        Limiter lim = new Limiter(Limit.of(10), 1);
        assertThat(lim.reserveN(t(0), 1).delayFrom(t(0))).isZero();
        assertThat(lim.reserveN(t(0), 1).delayFrom(t(0))).isEqualTo(D);
        assertThat(lim.reserveN(t(0), 2).delayFrom(t(0))).isEqualTo(INF);
    }
}
