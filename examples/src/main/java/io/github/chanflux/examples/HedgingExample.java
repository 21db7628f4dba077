package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Select.Selected;
import io.github.chanflux.context.Context;
import io.github.chanflux.pattern.HedgeDelay;
import io.github.chanflux.pattern.Hedging;
import io.github.chanflux.pattern.HedgingPolicy;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Hedged requests, beyond the book ("The Tail at Scale", Dean and Barroso; the book's 5.4
 * replicates every request at once): the request goes to replica 0, which is stalled for 5 s;
 * it has not answered after the hedging delay of 100 ms, so a second attempt goes to replica 1,
 * which answers in 50 ms. The answer comes after 150 ms instead of 5 s, at the cost of one extra
 * attempt, and the stalled attempt is cancelled. Then the same with Reactor's
 * {@code Hedging.hedge(policy, attempt -> mono, scheduler)} on the same clock.
 */
public final class HedgingExample {

    static final Duration HEDGE_DELAY = Duration.ofMillis(100);

    private HedgingExample() {}

    /** How long replica {@code attempt} takes: the first is stalled, the others are quick. */
    static Duration latency(int attempt) {
        return attempt == 0 ? Duration.ofSeconds(5) : Duration.ofMillis(50);
    }

    private static HedgingPolicy policy() {
        return HedgingPolicy.of(3, HedgeDelay.fixed(HEDGE_DELAY));
    }

    /** The hedged request over channels; each attempt logs when it starts and how it ends. */
    static String hedged(Clock clock, Consumer<String> out)
            throws InterruptedException, ExecutionException, TimeoutException {
        Context ctx = Context.withClock(Context.background(), clock);
        Instant start = clock.now();
        return Hedging.hedge(ctx, policy(), (c, attempt) -> {
            out.accept("attempt " + attempt + " sent at " + since(start, clock));
            Selected s = select(recv(c.done()), recv(clock.after(latency(attempt))));
            if (s.is(c.done())) {
                out.accept("attempt " + attempt + " canceled at " + since(start, clock));
                throw Context.CANCELED;
            }
            return "replica " + attempt;
        });
    }

    /** The same with Reactor: each attempt a {@code Mono.delay} on the clock. */
    static String hedgedWithReactor(Clock clock, Consumer<String> out) {
        ClockScheduler scheduler = ClockScheduler.on(clock);
        Instant start = clock.now();
        return io.github.chanflux.reactor.Hedging.hedge(
                        policy(),
                        attempt -> Mono.delay(latency(attempt), scheduler)
                                .doOnSubscribe(
                                        s -> out.accept("attempt " + attempt + " sent at " + since(start, clock)))
                                .doOnCancel(
                                        () -> out.accept("attempt " + attempt + " canceled at " + since(start, clock)))
                                .thenReturn("replica " + attempt),
                        scheduler)
                .block();
    }

    private static String since(Instant start, Clock clock) {
        return GoDuration.format(Duration.between(start, clock.now()));
    }

    /** Both forms, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant start = clock.now();
        String answer = hedged(clock, out);
        out.accept("answer from " + answer + " after " + since(start, clock));
        out.accept("-- the same with Reactor --");
        start = clock.now();
        answer = hedgedWithReactor(clock, out);
        out.accept("answer from " + answer + " after " + since(start, clock));
    }

    public static void main(String[] args) throws Exception {
        run(System.out::println, Clock.system());
    }
}
