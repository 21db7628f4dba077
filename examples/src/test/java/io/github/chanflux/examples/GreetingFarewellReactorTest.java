package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.context.Context;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The Reactor form of 4.12 has the same outcomes as the channel form ({@link GreetingFarewellTest}). */
class GreetingFarewellReactorTest {

    private final FakeClock clock = new FakeClock();
    private final Context root = Context.withClock(Context.background(), clock);
    private final List<String> out = new CopyOnWriteArrayList<>();

    @Test
    void greetingTimeoutCancelsFarewell() {
        StepVerifier.create(new GreetingFarewellReactor(out::add, false).run(root))
                .expectSubscription()
                .then(() -> {
                    assertThat(clock.pendingTimers())
                            .as("greeting's 1s deadline and both locales' minute")
                            .isEqualTo(3);
                    clock.advance(Duration.ofSeconds(1));
                })
                .verifyComplete();
        assertThat(out)
                .containsExactly(
                        "cannot print greeting: context deadline exceeded", "cannot print farewell: context canceled");
    }

    @Test
    void localeFailsFastWhenDeadlineIsCloserThanItsMinute() {
        StepVerifier.create(new GreetingFarewellReactor(out::add, true).run(root))
                .verifyComplete();
        assertThat(out)
                .containsExactly(
                        "cannot print greeting: context deadline exceeded", "cannot print farewell: context canceled");
    }

    @Test
    void bothPrintWhenTheLocaleIsFastEnough() {
        GreetingFarewellReactor program = new GreetingFarewellReactor(out::add, false);
        StepVerifier.create(program.printFarewell(root))
                .expectSubscription()
                .then(() -> clock.advance(Duration.ofMinutes(1)))
                .verifyComplete();
        assertThat(out).containsExactly("goodbye world!");
    }
}
