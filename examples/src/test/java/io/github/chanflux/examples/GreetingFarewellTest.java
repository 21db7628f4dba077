package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** "Concurrency in Go" 4.12: the greeting/farewell program with context, on fake time. */
class GreetingFarewellTest {

    private final FakeClock clock = new FakeClock();
    private final Context root = Context.withClock(Context.background(), clock);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void greetingTimeoutCancelsFarewell() throws InterruptedException {
        GreetingFarewell program = new GreetingFarewell(out::add, false);
        Thread main = Go.go(() -> program.run(root));
        clock.awaitTimers(3); // greeting's 1s deadline and both locales' minute
        clock.advance(Duration.ofSeconds(1));
        main.join();
        assertThat(out)
                .containsExactly(
                        "cannot print greeting: context deadline exceeded", "cannot print farewell: context canceled");
    }

    @Test
    void localeFailsFastWhenDeadlineIsCloserThanItsMinute() throws InterruptedException {
        GreetingFarewell program = new GreetingFarewell(out::add, true);
        Instant start = clock.now();
        program.run(root);
        assertThat(out)
                .containsExactly(
                        "cannot print greeting: context deadline exceeded", "cannot print farewell: context canceled");
        assertThat(clock.now()).isEqualTo(start);
    }

    @Test
    void failFastLocaleThrowsDeadlineExceededWithoutWaiting() {
        GreetingFarewell program = new GreetingFarewell(out::add, true);
        try (CancelableContext ctx = Context.withTimeout(root, Duration.ofSeconds(59))) {
            assertThatThrownBy(() -> program.locale(ctx)).isSameAs(Context.DEADLINE_EXCEEDED);
        }
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void farewellAnswersAfterLocalesMinute() throws InterruptedException {
        GreetingFarewell program = new GreetingFarewell(out::add, false);
        Chan<String> farewell = Chan.make(1);
        Thread g = Go.go(() -> farewell.send(program.genFarewell(root)));
        clock.awaitTimers(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(farewell.receive().value()).isEqualTo("goodbye");
        g.join();
    }

    @Test
    void greetingSucceedsWhenLocaleBeatsTheDeadline() throws Exception {
        GreetingFarewell program = new GreetingFarewell(out::add, true);
        try (CancelableContext ctx = Context.withTimeout(root, Duration.ofMinutes(5))) {
            Chan<String> greeting = Chan.make(1);
            Thread g = Go.go(() -> greeting.send(program.locale(ctx)));
            clock.awaitTimers(2); // ctx's deadline and locale's minute
            clock.advance(Duration.ofMinutes(1));
            assertThat(greeting.receive().value()).isEqualTo("EN/US");
            g.join();
        }
    }
}
