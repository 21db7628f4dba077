package io.github.chanflux.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The book's MultiLimiter and APIConnection (5.5), on a fake clock. */
class MultiLimiterTest {

    private static final int CALLERS = 20;

    private final FakeClock clock = new FakeClock();
    private final Context ctx = Context.withClock(Context.background(), clock);

    @Test
    void limitIsTheMostRestrictive() {
        Limiter perSecond = new Limiter(Limit.per(2, Duration.ofSeconds(1)), 1, clock);
        Limiter perMinute = new Limiter(Limit.per(10, Duration.ofMinutes(1)), 10, clock);
        assertThat(MultiLimiter.of(perSecond, perMinute).limit()).isEqualTo(perMinute.limit());
    }

    @Test
    void needsAtLeastOneLimiter() {
        assertThatThrownBy(MultiLimiter::of).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLaterLimitersBurstErrorGivesTheEarlierTokensBack() throws InterruptedException {
        Limiter first = new Limiter(Limit.of(1), 1, clock);
        Limiter noBurst = new Limiter(Limit.of(10), 0, clock);
        assertThatThrownBy(() -> MultiLimiter.of(first, noBurst).await(ctx))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(first.tokens()).isEqualTo(1);
    }

    @Test
    void aLaterLimitersDeadlineErrorGivesTheEarlierTokensBack() throws InterruptedException {
        Limiter first = new Limiter(Limit.of(1), 1, clock);
        Limiter spent = new Limiter(Limit.of(10), 1, clock);
        assertThat(spent.allow()).isTrue();
        try (CancelableContext soon = Context.withTimeout(ctx, Duration.ofMillis(10))) {
            assertThatThrownBy(() -> MultiLimiter.of(first, spent).await(soon)).isInstanceOf(TimeoutException.class);
        }
        assertThat(first.tokens()).isEqualTo(1);
        assertThat(spent.tokens()).isZero();
    }

    @Test
    void anInterruptWhileWaitingOnALaterLimiterGivesTheEarlierTokensBack() throws InterruptedException {
        Limiter first = new Limiter(Limit.of(1), 1, clock);
        Limiter spent = new Limiter(Limit.of(10), 1, clock);
        assertThat(spent.allow()).isTrue();
        Chan<Object> result = Chan.make(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                MultiLimiter.of(first, spent).await(ctx);
                result.trySend("proceed");
            } catch (InterruptedException | TimeoutException | RuntimeException e) {
                result.trySend(e);
            }
        });
        clock.awaitTimers(1);
        waiter.interrupt();
        assertThat(result.receive().value()).isInstanceOf(InterruptedException.class);
        assertThat(first.tokens()).isEqualTo(1);
    }

    @Test
    void aNestedLimitersErrorGivesTheOuterAndInnerTokensBack() throws InterruptedException {
        Limiter first = new Limiter(Limit.of(1), 1, clock);
        Limiter second = new Limiter(Limit.of(2), 1, clock);
        Limiter noBurst = new Limiter(Limit.of(10), 0, clock);
        RateLimiter nested = MultiLimiter.of(first, MultiLimiter.of(second, noBurst));
        assertThatThrownBy(() -> nested.await(ctx)).isInstanceOf(IllegalArgumentException.class);
        assertThat(first.tokens()).isEqualTo(1);
        assertThat(second.tokens()).isEqualTo(1);
    }

    /**
     * The book's program: 20 concurrent calls under 2 per second (burst 1) and 10 per minute
     * (burst 10). The first ten go at 2 per second, then the minute's budget is spent and one
     * call goes every 6 seconds.
     */
    @Test
    void twentyCallsFollowTheBooksSchedule() throws InterruptedException {
        RateLimiter api = MultiLimiter.of(
                new Limiter(Limit.per(2, Duration.ofSeconds(1)), 1, clock),
                new Limiter(Limit.per(10, Duration.ofMinutes(1)), 10, clock));
        List<Duration> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(Duration.ofMillis(500L * i));
        }
        for (int i = 1; i <= 10; i++) {
            expected.add(Duration.ofSeconds(6L * i));
        }
        assertThat(callTimes(api)).isEqualTo(expected);
    }

    /**
     * Runs {@link #CALLERS} goroutines that each wait on {@code limiter} and report when they
     * proceeded; drives the fake clock in 100 ms steps once every caller is either waiting on a
     * timer or done (a done caller holds a far-away timer, so "all 20 timers pending" is the
     * quiet point).
     */
    private List<Duration> callTimes(RateLimiter limiter) throws InterruptedException {
        Chan<Duration> proceeded = Chan.make(CALLERS);
        List<Timer> parked = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < CALLERS; i++) {
            Go.go(() -> {
                limiter.await(ctx);
                proceeded.send(Duration.between(FakeClock.EPOCH, clock.now()));
                parked.add(clock.afterFunc(Duration.ofDays(365), () -> {}));
            });
        }
        while (proceeded.len() < CALLERS) {
            clock.awaitTimers(CALLERS);
            if (proceeded.len() < CALLERS) {
                clock.advance(Duration.ofMillis(100));
            }
        }
        parked.forEach(Timer::stop);
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            times.add(proceeded.receive().value());
        }
        times.sort(null);
        return times;
    }
}
