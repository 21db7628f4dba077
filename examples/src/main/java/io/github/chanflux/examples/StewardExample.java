package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Steward.newSteward;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.pattern.StartGoroutineFn;
import io.github.chanflux.reactor.ClockScheduler;
import io.github.chanflux.reactor.Supervisor;
import io.github.chanflux.reactor.SupervisorEvent;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Healing unhealthy goroutines, "Concurrency in Go" 5.6: an irresponsible ward that never
 * pulses, under a steward with a 4 s timeout; {@code main} halts both after 9 s. Log lines carry
 * the time of day in UTC, as Go's {@code log.SetFlags(log.Ltime | log.LUTC)}:
 *
 * <pre>
 * 18:28:07 ward: Hello, I'm irresponsible!
 * 18:28:11 steward: ward unhealthy; restarting
 * 18:28:11 ward: Hello, I'm irresponsible!
 * 18:28:11 ward: I am halting.
 * …
 * 18:28:16 main: halting steward and ward.
 * 18:28:16 ward: I am halting.
 * 18:28:16 Done
 * </pre>
 *
 * The new ward's hello and the old ward's halt race, in Go too. Unlike the book's program, which
 * exits while the last ward may still be printing, {@code main} waits for every ward's goroutine
 * (a {@code WaitGroup}) before it returns, so none is left behind.
 *
 * <p>Then the same with Reactor: a {@link Supervisor} with a 4 s heartbeat timeout over a ward
 * that never emits, cut off by a 9 s {@code Mono.delay}, on the same clock. Reactor cancels the
 * old ward before the supervisor hears of the timeout, so each restart logs the old ward's halt
 * first, then the steward's line, then the new ward's hello.
 */
public final class StewardExample {

    private static final DateTimeFormatter LTIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private StewardExample() {}

    /** Go's {@code log.Println} with {@code Ltime | LUTC} on {@code clock}. */
    static Consumer<String> log(Consumer<String> out, Clock clock) {
        return line -> out.accept(LTIME.format(clock.now()) + " " + line);
    }

    /** The book's program on {@code clock}. */
    static void overChannels(Consumer<String> out, Clock clock) throws InterruptedException {
        Consumer<String> log = log(out, clock);
        WaitGroup wards = new WaitGroup();
        StartGoroutineFn doWork = (done, pulseInterval) -> {
            log.accept("ward: Hello, I'm irresponsible!");
            wards.add(1);
            Go.go(() -> {
                try {
                    done.receive();
                    log.accept("ward: I am halting.");
                } finally {
                    wards.done();
                }
            });
            return Chan.nil();
        };
        StartGoroutineFn doWorkWithSteward = newSteward(Duration.ofSeconds(4), doWork, clock, log);

        Chan<Void> done = Chan.make();
        clock.afterFunc(Duration.ofSeconds(9), () -> {
            log.accept("main: halting steward and ward.");
            done.close();
        });
        RecvChan<?> heartbeat = doWorkWithSteward.start(done, Duration.ofSeconds(4));
        for (Object ignored : heartbeat) {
            // for range doWorkWithSteward(done, 4*time.Second) {}
        }
        wards.await();
        log.accept("Done");
    }

    /** The same with Reactor, its timers on {@code clock}. */
    static void withReactor(Consumer<String> out, Clock clock) {
        Consumer<String> log = log(out, clock);
        Scheduler scheduler = ClockScheduler.on(clock);
        Flux<Object> ward = Flux.never()
                .doOnSubscribe(s -> log.accept("ward: Hello, I'm irresponsible!"))
                .doOnCancel(() -> log.accept("ward: I am halting."));
        Supervisor.withHeartbeatTimeout(Duration.ofSeconds(4))
                .maxRestarts(Integer.MAX_VALUE, Duration.ofSeconds(1)) // the book's steward never gives up
                .scheduler(scheduler)
                .onEvent(event -> {
                    if (event instanceof SupervisorEvent.Unhealthy) {
                        log.accept("steward: ward unhealthy; restarting");
                    }
                })
                .supervise(() -> ward)
                .takeUntilOther(Mono.delay(Duration.ofSeconds(9), scheduler)
                        .doOnNext(t -> log.accept("main: halting steward and ward.")))
                .blockLast();
        log.accept("Done");
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
