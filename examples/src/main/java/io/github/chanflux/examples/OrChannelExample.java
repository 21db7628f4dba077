package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.pattern.Patterns.or;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.reactor.GoFlux;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The or-channel, "Concurrency in Go" 4.4: five signals that close after 2 h, 5 min, 1 s, 1 h
 * and 1 min, combined by {@code or}; the program waits for the combined one and prints how long
 * that took, measured on the clock:
 *
 * <pre>{@code
 * start := time.Now()
 * <-or(sig(2*time.Hour), sig(5*time.Minute), sig(1*time.Second), sig(1*time.Hour), sig(1*time.Minute))
 * fmt.Printf("done after %v", time.Since(start))
 * }</pre>
 *
 * The book's {@code sig} goroutines sleep on even after the program has its answer (a process
 * exiting ends them); here each {@code sig} also watches a {@code done} that the program closes
 * once it has printed, so none is left behind (4.3). Then the same with Reactor: {@code GoFlux.or}
 * over five delays, on a scheduler that reads the same clock.
 */
public final class OrChannelExample {

    private static final Duration[] AFTER = {
        Duration.ofHours(2), Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofMinutes(1)
    };

    private OrChannelExample() {}

    /** The book's {@code sig(after)}: a channel that closes after {@code after}, or once {@code done} closes. */
    static RecvChan<Object> sig(RecvChan<?> done, Clock clock, Duration after) {
        Chan<Object> c = Chan.make();
        Go.go(() -> {
            try (c) {
                select(recv(done), recv(clock.after(after)));
            }
        });
        return c;
    }

    /** Waits for the first of the book's five signals; returns how long it took on {@code clock}. */
    static Duration firstOfFive(Clock clock) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            Instant start = clock.now();
            RecvChan<?>[] signals = new RecvChan<?>[AFTER.length];
            for (int i = 0; i < AFTER.length; i++) {
                signals[i] = sig(done, clock, AFTER[i]);
            }
            or(signals).receive();
            return Duration.between(start, clock.now());
        }
    }

    /** The same with Reactor: {@code GoFlux.or} over five {@code Mono.delay}s on {@code clock}. */
    static Duration firstOfFiveWithReactor(Clock clock) {
        Scheduler scheduler = ClockScheduler.on(clock);
        Instant start = clock.now();
        Mono<?>[] signals = new Mono<?>[AFTER.length];
        for (int i = 0; i < AFTER.length; i++) {
            signals[i] = Mono.delay(AFTER[i], scheduler);
        }
        GoFlux.or(signals).block();
        return Duration.between(start, clock.now());
    }

    /** Both forms, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        out.accept("done after " + GoDuration.format(firstOfFive(clock)));
        out.accept("-- the same with Reactor --");
        out.accept("done after " + GoDuration.format(firstOfFiveWithReactor(clock)));
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
