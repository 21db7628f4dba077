package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitedApiTest {

    private static final int CALLS = 20;

    private final FakeClock clock = new FakeClock();
    private final Context ctx = Context.withClock(Context.background(), clock);

    /**
     * The book's log: ten calls within the first seconds (2 per second, the minute's burst of 10),
     * then one every 6 seconds (10 per minute), all twenty done after about a minute.
     */
    @Test
    void twentyCallsFollowTheBooksLog() throws InterruptedException {
        RateLimitedApi api = new RateLimitedApi(clock);
        FakeClockDriver driver = new FakeClockDriver(clock);
        Chan<Duration> done = Chan.make(CALLS);
        for (int i = 0; i < CALLS; i++) {
            boolean read = i % 2 == 0;
            Go.go(() -> {
                if (read) {
                    api.readFile(ctx);
                } else {
                    api.resolveAddress(ctx);
                }
                done.send(Duration.between(FakeClock.EPOCH, clock.now()));
            });
        }
        driver.runUntil(() -> done.len() == CALLS);
        List<Duration> times = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            times.add(done.receive().value());
        }
        times.sort(null);
        assertThat(times.get(9)).as("the first ten").isLessThanOrEqualTo(Duration.ofSeconds(5));
        for (int i = 10; i < CALLS; i++) {
            assertThat(times.get(i)).as("call %d", i).isEqualTo(Duration.ofSeconds(6L * (i - 9)));
        }
    }
}
