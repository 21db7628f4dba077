package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ContextSearch} on fake time: the timeout of the request's context decides, and the user's IP travels in it. */
class ContextSearchTest {

    @Test
    void theSearchInTimePrintsTheResultsAndTheTimedOutOneTheContextsError() throws InterruptedException {
        TimedRun run = new TimedRun();
        List<String> out = run.run(ContextSearch::run);
        assertThat(out)
                .containsExactly(
                        "/search?q=golang&timeout=1s",
                        "backend: GET /search?q=golang&userip=192.0.2.1",
                        "  The Go Programming Language - https://go.dev/",
                        "  Go Concurrency Patterns: Context - https://go.dev/blog/context",
                        "  context package - Go Packages - https://pkg.go.dev/context",
                        "  3 results in 300ms; timeout 1s",
                        "/search?q=golang&timeout=100ms",
                        "backend: GET /search?q=golang&userip=192.0.2.1",
                        "  context deadline exceeded");
        assertThat(run.clock.pendingTimers()).isZero();
        Goroutines.assertAllEnded();
    }

    @Test
    void theTimedOutSearchEndsAtTheDeadlineNotWhenTheBackendWouldAnswer() throws InterruptedException {
        TimedRun run = new TimedRun();
        ContextSearch.Backend backend = new ContextSearch.Backend(run.clock, ContextSearch.LATENCY, line -> {});
        run.run((out, clock) -> ContextSearch.handleSearch(
                out, clock, backend, "golang", Duration.ofMillis(100), InetAddress.getByName("192.0.2.1")));
        assertThat(run.out).endsWith("  context deadline exceeded");
        assertThat(run.clock.now()).isEqualTo(FakeClock.EPOCH.plusMillis(100));
        assertThat(run.clock.pendingTimers()).isZero();
        Goroutines.assertAllEnded();
    }

    @Test
    void theUserIpIsAValueOfTheContextAndOnlyItsOwn() throws Exception {
        InetAddress ip = InetAddress.getByName("192.0.2.1");
        Context ctx = ContextSearch.UserIp.newContext(Context.background(), ip);
        assertThat(ContextSearch.UserIp.fromContext(ctx)).contains(ip);
        assertThat(ContextSearch.UserIp.fromContext(Context.background())).isEmpty();
    }
}
