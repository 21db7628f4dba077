package io.github.chanflux.examples;

import static io.github.chanflux.pattern.Patterns.repeat;
import static io.github.chanflux.pattern.Patterns.take;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.reactor.GoFlux;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * Queuing, "Concurrency in Go" 4.11: three values through a short stage (1 s each) and then a
 * long stage (4 s each), first with the short stage's output unbuffered, then with a buffer of
 * two:
 *
 * <pre>{@code
 * zeros := take(done, 3, repeat(done, 0))
 * short := sleep(done, 1*time.Second, zeros)
 * long := sleep(done, 4*time.Second, short)
 * }</pre>
 *
 * Unbuffered, the short stage waits on the long one and ends at 9 s; with the buffer it ends at
 * 3 s and is free for other work. The pipeline takes 13 s either way: a queue decouples the
 * stages, it does not make the pipeline faster (Little's law, {@code StageMeter}). Then the same
 * with Reactor: {@code GoFlux.goStage}s, which overlap as goroutines do, with {@code queue(2)}
 * between them for the buffered run; the same figures. Times are on the clock.
 */
public final class Queuing {

    private Queuing() {}

    /** When the short stage ended and when the last value left the pipeline, from the start. */
    record Times(Duration shortStageEnded, Duration total) {}

    /** The book's {@code sleep} stage: waits {@code d} per value; its output has {@code capacity}. */
    private static RecvChan<Integer> sleep(
            RecvChan<?> done, Clock clock, Duration d, RecvChan<Integer> in, int capacity, Runnable onEnd) {
        Chan<Integer> out = Chan.make(capacity);
        Go.go(() -> {
            try (out) {
                for (Received<Integer> r = in.receive(done); r.ok(); r = in.receive(done)) {
                    clock.sleep(d);
                    if (!out.send(r.value(), done)) {
                        return;
                    }
                }
            } finally {
                onEnd.run();
            }
        });
        return out;
    }

    /** Runs the three values through the two stages with the short stage's output holding {@code buffer}. */
    static Times overChannels(Clock clock, int buffer) throws InterruptedException {
        Chan<Void> done = Chan.make();
        try (done) {
            Instant start = clock.now();
            Chan<Duration> shortEnded = Chan.make(1);
            RecvChan<Integer> zeros = take(done, repeat(done, 0), 3);
            RecvChan<Integer> shortStage = sleep(
                    done, clock, Duration.ofSeconds(1), zeros, buffer, () -> shortEnded.trySend(since(start, clock)));
            RecvChan<Integer> longStage = sleep(done, clock, Duration.ofSeconds(4), shortStage, 0, () -> {});
            for (int ignored : longStage) {
                // the pipeline's consumer takes each value at once
            }
            return new Times(shortEnded.receive().value(), since(start, clock));
        }
    }

    /** The book's {@code sleep} stage's work, for {@code goStage}: waits {@code d}, passes the value on. */
    private static Result.Step<Integer, Integer> sleep(Clock clock, Duration d) {
        return v -> {
            clock.sleep(d);
            return v;
        };
    }

    /**
     * The same with Reactor: the short stage's {@code goStage}, then {@code queue(buffer)} if
     * {@code buffer} is not zero, then the long stage's {@code goStage}. The short stage is done
     * when the stage after it has taken its last value.
     */
    static Times withReactor(Clock clock, int buffer) {
        Instant start = clock.now();
        AtomicReference<Duration> shortEnded = new AtomicReference<>();
        Flux<Integer> shortStage = GoFlux.repeat(0)
                .transform(GoFlux.take(3))
                .transform(GoFlux.goStage(sleep(clock, Duration.ofSeconds(1))))
                .doOnNext(v -> shortEnded.set(since(start, clock)));
        Flux<Integer> queued = buffer == 0 ? shortStage : shortStage.transform(GoFlux.queue(buffer));
        queued.transform(GoFlux.goStage(sleep(clock, Duration.ofSeconds(4)))).blockLast();
        return new Times(shortEnded.get(), since(start, clock));
    }

    private static Duration since(Instant start, Clock clock) {
        return Duration.between(start, clock.now());
    }

    private static void print(Consumer<String> out, int buffer, Times t) {
        out.accept(String.format(
                "buffer %d: short stage done after %s, pipeline done after %s",
                buffer, GoDuration.format(t.shortStageEnded()), GoDuration.format(t.total())));
    }

    /** Unbuffered, then with a buffer of two, over channels and then with Reactor, printing through {@code out}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        for (int buffer : new int[] {0, 2}) {
            print(out, buffer, overChannels(clock, buffer));
        }
        out.accept("-- the same with Reactor --");
        for (int buffer : new int[] {0, 2}) {
            print(out, buffer, withReactor(clock, buffer));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }
}
