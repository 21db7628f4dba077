package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * "Concurrency in Go" 4.12, before the context package: the greeting and farewell program
 * cancelled with a done channel. {@code locale} answers after a minute ({@code time.After}) or
 * fails with {@code canceled} once {@code done} is closed; nothing closes {@code done} before
 * both goroutines have ended ({@code defer close(done)} in {@code main}), so the program prints
 * {@code hello world!} and {@code goodbye world!}, in either order, after a minute on its clock.
 * {@link GreetingFarewell} is the same program with a {@code Context}, which the book writes next
 * so that {@code genGreeting} can give {@code locale} a timeout of its own and a failed greeting
 * can cancel the farewell: a done channel carries neither a deadline nor a reason.
 *
 * <pre>{@code
 * func locale(done <-chan interface{}) (string, error) {
 *     select {
 *     case <-done:
 *         return "", fmt.Errorf("canceled")
 *     case <-time.After(1*time.Minute):
 *     }
 *     return "EN/US", nil
 * }
 * }</pre>
 * Go's {@code (string, error)} results are a return value or a thrown exception here.
 */
public final class GreetingFarewellDone {

    private final Consumer<String> out;
    private final Clock clock;

    /** Prints through {@code out}; {@code locale} waits on {@code clock}. */
    GreetingFarewellDone(Consumer<String> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** The book's {@code main}, with {@code done} given: both goroutines have ended when it returns. */
    void run(RecvChan<?> done) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.go(() -> {
            try {
                printGreeting(done);
            } catch (Exception err) {
                out.accept(err.getMessage()); // fmt.Printf("%v", err)
            }
        });
        wg.go(() -> {
            try {
                printFarewell(done);
            } catch (Exception err) {
                out.accept(err.getMessage());
            }
        });
        wg.await();
    }

    void printGreeting(RecvChan<?> done) throws Exception {
        out.accept(genGreeting(done) + " world!");
    }

    void printFarewell(RecvChan<?> done) throws Exception {
        out.accept(genFarewell(done) + " world!");
    }

    String genGreeting(RecvChan<?> done) throws Exception {
        if (locale(done).equals("EN/US")) {
            return "hello";
        }
        throw new Exception("unsupported locale");
    }

    String genFarewell(RecvChan<?> done) throws Exception {
        if (locale(done).equals("EN/US")) {
            return "goodbye";
        }
        throw new Exception("unsupported locale");
    }

    /** Answers after a minute on the clock, or fails with {@code canceled} once {@code done} is closed. */
    String locale(RecvChan<?> done) throws Exception {
        boolean canceled = select(recv(done, r -> true), recv(clock.after(Duration.ofMinutes(1)), r -> false));
        if (canceled) {
            throw new Exception("canceled");
        }
        return "EN/US";
    }

    /** The book's program on {@code clock}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) { // defer close(done)
            new GreetingFarewellDone(out, clock).run(done);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
