package io.github.chanflux.examples;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.pattern.Preemptible;
import io.github.chanflux.reactor.GoContexts;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * Preemptible work, "Concurrency in Go" 5.2: {@code reallyLongCalculation} made of two
 * {@code longCalculation} steps that check {@code done} between them, and a blocking step that
 * does not watch {@code done} at all, made preemptible by running it on a goroutine of its own:
 *
 * <pre>{@code
 * reallyLongCalculation := func(done <-chan interface{}, value interface{}) interface{} {
 *     intermediateResult := longCalculation(done, value)
 *     return longCalculation(done, intermediateResult)
 * }
 * }</pre>
 *
 * Each {@code longCalculation} takes 1 s on the clock. Cancelled after 0.5 s, the calculation
 * finishes the step it is in and stops at 1 s instead of running its second; a 1-minute blocking step cancelled
 * after 1 s returns at 1 s. Then the blocking step with Reactor: {@code GoContexts.run} under a
 * context that times out after 1 s.
 */
public final class PreemptibleExample {

    private static final Duration STEP = Duration.ofSeconds(1);

    private PreemptibleExample() {}

    /** One {@code longCalculation}: a second of work, then {@code value * 2}. */
    private static UnaryOperator<Integer> longCalculation(Clock clock, List<String> log) {
        return value -> {
            try {
                clock.sleep(STEP);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            log.add("longCalculation(" + value + ") = " + value * 2);
            return value * 2;
        };
    }

    /** {@code reallyLongCalculation(done, value)}, with {@code done} closing after {@code cancelAfter}. */
    static Optional<Integer> reallyLongCalculation(Clock clock, int value, Duration cancelAfter, Consumer<String> out) {
        Chan<Void> done = Chan.make();
        Timer cancel = clock.afterFunc(cancelAfter, done::close);
        List<String> log = new CopyOnWriteArrayList<>();
        UnaryOperator<Integer> step = longCalculation(clock, log);
        try {
            Optional<Integer> result = Preemptible.steps(done, value, List.of(step, step));
            log.forEach(out);
            return result;
        } finally {
            cancel.stop(); // not left pending when the work ends first
        }
    }

    /** A step that blocks for a minute and never looks at {@code done}, cancelled after {@code cancelAfter}. */
    static Optional<String> blockingStep(Clock clock, Duration cancelAfter) throws InterruptedException {
        Chan<Void> done = Chan.make();
        Timer cancel = clock.afterFunc(cancelAfter, done::close);
        try {
            return Preemptible.interruptible(done, () -> {
                clock.sleep(Duration.ofMinutes(1));
                return "a minute of work";
            });
        } finally {
            cancel.stop();
        }
    }

    /** The same blocking step with Reactor, under a context with a timeout of {@code timeout}. */
    static String blockingStepWithReactor(Clock clock, Duration timeout) {
        try (CancelableContext ctx = Context.withTimeout(Context.withClock(Context.background(), clock), timeout)) {
            return GoContexts.run(ctx, c -> {
                        clock.sleep(Duration.ofMinutes(1));
                        return "a minute of work";
                    })
                    .onErrorResume(e -> Mono.just("canceled: " + e.getMessage()))
                    .block();
        }
    }

    /** The programs, printing through {@code out} with the time each took on {@code clock}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        Instant start = clock.now();
        Optional<Integer> all = reallyLongCalculation(clock, 1, Duration.ofMinutes(1), out);
        out.accept(
                "done never closed: " + all.map(String::valueOf).orElse("canceled") + ", after " + since(start, clock));
        start = clock.now();
        Optional<Integer> cut = reallyLongCalculation(clock, 1, Duration.ofMillis(500), out);
        out.accept("done closed at 0.5s: " + cut.map(String::valueOf).orElse("canceled") + ", after "
                + since(start, clock));
        start = clock.now();
        Optional<String> blocking = blockingStep(clock, STEP);
        out.accept(
                "blocking step, done closed at 1s: " + blocking.orElse("canceled") + ", after " + since(start, clock));
        out.accept("-- the same with Reactor --");
        start = clock.now();
        String reactor = blockingStepWithReactor(clock, STEP);
        out.accept("blocking step, 1s timeout: " + reactor + ", after " + since(start, clock));
    }

    private static String since(Instant start, Clock clock) {
        return GoDuration.format(Duration.between(start, clock.now()));
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
