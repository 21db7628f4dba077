package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Patterns.orDone;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.reactor.GoFlux;
import io.github.chanflux.time.Clock;
import io.github.chanflux.time.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The or-done channel, "Concurrency in Go" 4.8: reading a channel from another part of the
 * system, which may never close, with a plain {@code range} loop that still stops when
 * {@code done} closes:
 *
 * <pre>{@code
 * for val := range orDone(done, myChan) {
 *     // Do something with val
 * }
 * }</pre>
 *
 * Here {@code myChan} sends 1, 2, 3, … once a second and never closes on its own; {@code done}
 * closes after 3.5 s, so the loop prints three values and ends. Then the same with Reactor:
 * {@code transform(GoFlux.orDone(done))} over {@code Flux.interval}, on the same clock.
 */
public final class OrDoneExample {

    private static final Duration DONE_AFTER = Duration.ofMillis(3500);

    private OrDoneExample() {}

    /** Another part of the system: 1, 2, 3, … every second until its owner's {@code stop} closes. */
    static RecvChan<Integer> myChan(RecvChan<?> stop, Clock clock) {
        Chan<Integer> c = Chan.make();
        Go.go(() -> {
            try (c;
                    Ticker ticker = clock.newTicker(Duration.ofSeconds(1))) {
                for (int i = 1; ticker.c().receive(stop).ok() && c.send(i, stop); i++) {
                    // one value a tick
                }
            }
        });
        return c;
    }

    /** Ranges over {@code orDone(done, myChan)}, with {@code done} closing after 3.5 s. */
    static void overChannels(Consumer<String> out, Clock clock) throws InterruptedException {
        Chan<Void> stop = Chan.make();
        try (stop) { // the other part of the system stops its stream when the program ends
            Chan<Void> done = Chan.make();
            clock.afterFunc(DONE_AFTER, done::close);
            Instant start = clock.now();
            for (int val : orDone(done, myChan(stop, clock))) {
                out.accept("val: " + val);
            }
            out.accept("done after " + GoDuration.format(Duration.between(start, clock.now())));
        }
    }

    /** The same with Reactor: {@code Flux.interval} until a 3.5 s {@code Mono.delay}. */
    static void withReactor(Consumer<String> out, Clock clock) {
        Scheduler scheduler = ClockScheduler.on(clock);
        Instant start = clock.now();
        Flux.interval(Duration.ofSeconds(1), scheduler)
                .map(i -> (int) (i + 1))
                .transform(GoFlux.orDone(Mono.delay(DONE_AFTER, scheduler)))
                .doOnNext(val -> out.accept("val: " + val))
                .blockLast();
        out.accept("done after " + GoDuration.format(Duration.between(start, clock.now())));
    }

    /** Both forms, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        overChannels(out, clock);
        out.accept("-- the same with Reactor --");
        withReactor(out, clock);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
