package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * "Concurrency in Go" 4.3, preventing goroutine leaks: {@code doWork} blocked forever on a nil
 * channel, and {@code newRandStream} blocked forever on a send nobody receives; then both fixed
 * with a {@code done} channel, so the parent can stop the goroutine it started.
 *
 * <p>{@code main} runs the fixed versions as the book does: {@code doWork} is canceled after
 * 1 s ({@code Canceling doWork goroutine...}, {@code doWork exited.}, {@code Done.}), then three
 * random ints are read and {@code newRandStream} stopped, and its {@code newRandStream closure
 * exited.} comes during the second of "ongoing work" that follows. The book cancels with a
 * goroutine that sleeps 1 s; {@code afterFunc} does the same on the clock without a goroutine.
 */
public final class PreventingLeaks {

    private final Consumer<String> out;

    /** Prints through {@code out} (Go's {@code fmt.Println}). */
    public PreventingLeaks(Consumer<String> out) {
        this.out = out;
    }

    /** The leaking {@code doWork}: with a nil {@code strings}, its goroutine never ends. */
    public RecvChan<Object> doWorkLeaky(RecvChan<String> strings) {
        Chan<Object> completed = Chan.make();
        Go.go("doWork", () -> {
            try (completed) {
                for (String s : strings) {
                    out.accept(s);
                }
            } finally {
                out.accept("doWork exited.");
            }
        });
        return completed;
    }

    /** The fixed {@code doWork}: returns, closing {@code terminated}, once {@code done} is closed. */
    public RecvChan<Object> doWork(RecvChan<Object> done, RecvChan<String> strings) {
        Chan<Object> terminated = Chan.make();
        Go.go("doWork", () -> {
            try {
                boolean running = true;
                while (running) {
                    running = select(
                            recv(strings, r -> {
                                out.accept(r.value());
                                return true;
                            }),
                            recv(done, r -> false));
                }
            } finally {
                // The book's defers close terminated, then print; its main, woken by the close,
                // runs only once this goroutine is done (in practice), so "doWork exited." comes
                // before "Done.". A woken virtual thread may run at once on another carrier, so
                // here the line comes first, to keep the book's order.
                out.accept("doWork exited.");
                terminated.close();
            }
        });
        return terminated;
    }

    /** The leaking {@code newRandStream}: once its reader stops, it blocks on a send forever. */
    public RecvChan<Integer> newRandStreamLeaky() {
        Chan<Integer> randStream = Chan.make();
        Go.go("newRandStream", () -> {
            try (randStream) {
                while (true) {
                    randStream.send(ThreadLocalRandom.current().nextInt());
                }
            } finally {
                out.accept("newRandStream closure exited.");
            }
        });
        return randStream;
    }

    /** The fixed {@code newRandStream}: returns, closing the stream, once {@code done} is closed. */
    public RecvChan<Integer> newRandStream(RecvChan<Object> done) {
        Chan<Integer> randStream = Chan.make();
        Go.go("newRandStream", () -> {
            try (randStream) {
                boolean running = true;
                while (running) {
                    running = select(
                            send(randStream, ThreadLocalRandom.current().nextInt(), () -> true),
                            recv(done, r -> false));
                }
            } finally {
                out.accept("newRandStream closure exited.");
            }
        });
        return randStream;
    }

    /** The fixed programs, on {@code clock}, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        PreventingLeaks book = new PreventingLeaks(out);

        Chan<Object> done = Chan.make();
        RecvChan<Object> terminated = book.doWork(done, Chan.nil());
        clock.afterFunc(Duration.ofSeconds(1), () -> {
            out.accept("Canceling doWork goroutine...");
            done.close();
        });
        terminated.receive();
        out.accept("Done.");

        Chan<Object> stop = Chan.make();
        RecvChan<Integer> randStream = book.newRandStream(stop);
        out.accept("3 random ints:");
        for (int i = 1; i <= 3; i++) {
            out.accept(i + ": " + randStream.receive().value());
        }
        stop.close();

        clock.sleep(Duration.ofSeconds(1)); // Simulate ongoing work
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
