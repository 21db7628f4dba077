package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A first taste of chanflux: the channel owner of "Concurrency in Go" (3.x "Channels"), then a
 * {@code select} that waits for the first of two results with a timeout.
 */
public final class Demo {

    private Demo() {}

    /** Creates, writes and closes a channel; hands out only its receive side. */
    static RecvChan<Integer> chanOwner() {
        Chan<Integer> results = Chan.make(5);
        Go.go(() -> {
            try (results) {
                for (int i = 0; i <= 5; i++) {
                    results.send(i);
                }
            }
        });
        return results;
    }

    /**
     * A value sent on a new channel after {@code delay} of {@code clock}'s time. The channel has
     * room for it, so the goroutine ends even if nobody receives.
     */
    static RecvChan<String> later(Clock clock, String value, Duration delay) {
        Chan<String> out = Chan.make(1);
        Go.go(() -> {
            try (out) {
                clock.sleep(delay);
                out.send(value);
            }
        });
        return out;
    }

    /** The first of {@code a} and {@code b} to answer, or "timed out" after {@code timeout}. */
    static String firstAnswer(Clock clock, RecvChan<String> a, RecvChan<String> b, Duration timeout)
            throws InterruptedException {
        return select(
                recv(a, r -> "first answer: " + r.value()),
                recv(b, r -> "first answer: " + r.value()),
                recv(clock.after(timeout), r -> "timed out"));
    }

    /** The program, on {@code clock}, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        for (int v : chanOwner()) {
            out.accept("Received: " + v);
        }
        out.accept("Done receiving!");

        RecvChan<String> fast = later(clock, "fast replica", Duration.ofMillis(10));
        RecvChan<String> slow = later(clock, "slow replica", Duration.ofSeconds(5));
        out.accept(firstAnswer(clock, fast, slow, Duration.ofSeconds(1)));
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
