package io.github.chanflux.rate;

import static io.github.chanflux.rate.LimiterAllowTest.D;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Go's TestWait… family and TestSetAfterZeroLimit, on a fake clock. */
class LimiterAwaitTest {

    private final FakeClock clock = new FakeClock();
    private final Context background = Context.withClock(Context.background(), clock);

    /** An awaitN running on its own goroutine; {@link #result()} is what it returned. */
    private final class Waiting {
        private final Chan<Object> result = Chan.make(1);

        Waiting(Limiter lim, Context ctx, int n) {
            Go.go(() -> {
                Exception err;
                try {
                    err = waitN(lim, ctx, n);
                } catch (InterruptedException e) {
                    err = e;
                }
                result.send(err == null ? "proceed" : err);
            });
        }

        Object result() throws InterruptedException {
            return result.receive().value();
        }
    }

    /** Asserts that awaitN(ctx, n) proceeds after exactly {@code delay} of fake time. */
    private void assertProceedsAfter(Limiter lim, Context ctx, int n, Duration delay) throws InterruptedException {
        Waiting w = new Waiting(lim, ctx, n);
        clock.awaitTimers(1);
        clock.advance(delay.minusNanos(1));
        assertThat(clock.pendingTimers())
                .as("still waiting 1 ns before the delay")
                .isEqualTo(1);
        clock.advance(Duration.ofNanos(1));
        assertThat(w.result()).isEqualTo("proceed");
    }

    @Test
    void alreadyCanceledContextFailsAtOnce() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 3, clock);
        CancelableContext ctx = Context.withCancel(background);
        ctx.cancel();
        assertThat(waitN(lim, ctx, 1)).isSameAs(Context.CANCELED);
        assertThat(lim.tokensAt(clock.now())).as("no token taken").isEqualTo(3);
    }

    @Test
    void moreThanTheBurstIsAnError() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 3, clock);
        assertThat(waitN(lim, background, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate: Wait(n=4) exceeds limiter's burst 3");
    }

    @Test
    void actNowThenActLater() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 3, clock);
        assertThat(waitN(lim, background, 2)).isNull();
        assertProceedsAfter(lim, background, 3, D.multipliedBy(2));
    }

    @Test
    void cancelWhileWaitingGivesTheTokensBack() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 3, clock);
        CancelableContext ctx = Context.withCancel(background);
        assertThat(waitN(lim, ctx, 2)).isNull();
        Waiting w = new Waiting(lim, ctx, 3);
        clock.awaitTimers(1);
        clock.advance(D);
        ctx.cancel();
        assertThat(w.result()).isSameAs(Context.CANCELED);
        assertThat(waitN(lim, background, 2)).as("the 3 tokens came back").isNull();
    }

    @Test
    void waitBeyondTheDeadlineFailsWithoutWaiting() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 3, clock);
        try (CancelableContext ctx = Context.withTimeout(background, D)) {
            assertThat(waitN(lim, ctx, 2)).isNull();
            assertThat(waitN(lim, ctx, 3))
                    .isInstanceOf(TimeoutException.class)
                    .hasMessage("rate: Wait(n=3) would exceed context deadline");
            assertThat(lim.tokensAt(clock.now())).as("nothing reserved").isEqualTo(1);
        }
    }

    /**
     * Go's zero value {@code rate.Limiter{}} (limit 0, burst 0) allows nothing and never blocks
     * forever: Wait fails at once because n exceeds the burst.
     */
    @Test
    void zeroLimitAndZeroBurstNeitherAllowsNorBlocks() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(0), 0, clock);
        assertThat(lim.allow()).isFalse();
        assertThat(waitN(lim, background, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate: Wait(n=1) exceeds limiter's burst 0");
    }

    @Test
    void infiniteLimitNeverWaitsWhateverTheBurst() throws InterruptedException {
        Limiter lim = new Limiter(Limit.INF, 0, clock);
        assertThat(waitN(lim, background, 3)).isNull();
    }

    @Test
    void setLimitAfterZeroLimitRefills() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(0), 1, clock);
        assertThat(lim.allow()).isTrue();
        assertThat(lim.allow()).isFalse();
        lim.setLimit(Limit.of(10));
        assertProceedsAfter(lim, background, 1, D);
    }

    @Test
    void interruptWhileWaitingGivesTheTokensBack() throws InterruptedException {
        Limiter lim = new Limiter(Limit.of(10), 1, clock);
        assertThat(waitN(lim, background, 1)).isNull();
        Chan<Throwable> outcome = Chan.make(1);
        Thread waiter = Go.go(() -> {
            try {
                lim.awaitN(background, 1);
                outcome.send(new AssertionError("proceeded"));
            } catch (InterruptedException e) {
                outcome.send(e);
            }
        });
        clock.awaitTimers(1);
        waiter.interrupt();
        assertThat(outcome.receive().value()).isInstanceOf(InterruptedException.class);
        assertThat(lim.tokensAt(clock.now())).as("the reserved token came back").isEqualTo(0);
        assertThat(clock.pendingTimers()).as("the timer was stopped").isZero();
    }

    /** What Go's {@code WaitN} returns: null when the caller may act, else the error {@code awaitN} throws. */
    private static Exception waitN(Limiter lim, Context ctx, int n) throws InterruptedException {
        try {
            lim.awaitN(ctx, n);
            return null;
        } catch (TimeoutException | RuntimeException e) {
            return e;
        }
    }
}
