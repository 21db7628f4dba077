package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.test.FakeClockDriver;
import io.github.chanflux.test.Goroutines;
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

    /**
     * The book's program: 20 lines and {@code Done.}, in time order. The first ten calls pass the
     * API limit within 4 s, and the ReadFiles among them queue on the disk's 1 per second; which
     * calls come first is a race between the goroutines, so the first eleven lines fall within
     * 9 s, in an order that varies. The last nine pass the API's 10 per minute, one every 6 s.
     */
    @Test
    void runLogsTheCallsAsTheLimitsAllowThenDone() throws InterruptedException {
        List<String> out = new TimedRun().run(RateLimitedApi::run);
        Goroutines.assertAllEnded();
        assertThat(out).hasSize(CALLS + 1);
        assertThat(out).extracting(l -> l.substring(0, 8)).as("the times").isSorted();
        assertThat(out.subList(0, 11)).allMatch(l -> l.matches("00:00:0\\d (ReadFile|ResolveAddress)"));
        for (int i = 11; i < CALLS; i++) {
            int s = 6 * (i - 9);
            assertThat(out.get(i)).matches(String.format("00:%02d:%02d (ReadFile|ResolveAddress)", s / 60, s % 60));
        }
        assertThat(out).filteredOn(l -> l.endsWith(" ReadFile")).hasSize(10);
        assertThat(out).filteredOn(l -> l.endsWith(" ResolveAddress")).hasSize(10);
        assertThat(out.getLast()).isEqualTo("00:01:00 Done.");
    }

    /** The book logs a failed call, then its name, and goes on. */
    @Test
    void aFailedCallIsLoggedAndNotFatal() throws InterruptedException {
        CancelableContext canceled = Context.withCancel(ctx);
        canceled.cancel();
        List<String> out = new ArrayList<>();
        RateLimitedApi.logCall(out::add, "ReadFile", () -> new RateLimitedApi(clock).readFile(canceled));
        assertThat(out).containsExactly("cannot ReadFile: context canceled", "ReadFile");
    }
}
