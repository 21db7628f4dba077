package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Steward.newSteward;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.pattern.StartGoroutineFn;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

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
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
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

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
