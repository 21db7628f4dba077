package io.github.chanflux.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.Received;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.pattern.Patterns;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The book's queuing example (4.11) over channels, on fake time: three zeros through a stage
 * that sleeps 1 s, then one that sleeps 4 s. The book: the short stage ends (its last send
 * completes) at 9 s unbuffered and at 3 s behind {@code buffer(done, 2, short)}; the pipeline
 * ends at 13 s in both. The Reactor form is {@code QueuingBookTest} in chanflux-reactor.
 */
class QueuingBookTest {

    private final FakeClock clock = new FakeClock();
    private final Instant t0 = clock.now();
    private final FakeClockDriver driver = new FakeClockDriver(clock);
    private final List<Long> shortSent = new CopyOnWriteArrayList<>();
    private final List<Long> longSent = new CopyOnWriteArrayList<>();

    private long seconds() {
        return Duration.between(t0, clock.now()).toSeconds();
    }

    // spotless:off (the Go stays beside the Java it translates)
    /** The book's {@code sleep} stage, noting when each of its sends completed. */
    private RecvChan<Integer> sleep(RecvChan<?> done, Duration d, RecvChan<Integer> in, List<Long> sent) {
        Chan<Integer> out = Chan.make();                                    // out := make(chan interface{})
        Go.go(() -> {                                                       // go func() {
            try (out) {                                                     //     defer close(out)
                for (Received<Integer> v = in.receive(done); v.ok(); v = in.receive(done)) { // for v := range in {
                    clock.sleep(d);                                         //         time.Sleep(d)
                    if (!out.send(v.value(), done)) {                       //         select { case <-done: return
                        return;                                             //         case out <- v: }
                    }
                    sent.add(seconds());
                }                                                           //     }
            }
        });                                                                 // }()
        return out;
    }
    // spotless:on

    /** zeros, short, {@code between}, long, read to the end by a goroutine. */
    private void run(Function<RecvChan<Integer>, RecvChan<Integer>> between) throws InterruptedException {
        Chan<Void> done = Chan.make();
        RecvChan<Integer> zeros = Patterns.take(done, Patterns.repeat(done, 0), 3);
        RecvChan<Integer> shortStage = sleep(done, Duration.ofSeconds(1), zeros, shortSent);
        RecvChan<Integer> longStage = sleep(done, Duration.ofSeconds(4), between.apply(shortStage), longSent);
        Thread reader = Go.go(() -> longStage.forEach(v -> {}));
        driver.runUntil(() -> !reader.isAlive());
        done.close();
    }

    @Test
    void unbufferedTheShortStageEndsAtNineAndThePipelineAtThirteen() throws InterruptedException {
        run(Function.identity());
        assertThat(shortSent).containsExactly(1L, 5L, 9L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }

    @Test
    void withABufferOfTwoTheShortStageEndsAtThreeAndThePipelineAtThirteen() throws InterruptedException {
        Chan<Void> done = Chan.make();
        run(shortStage -> Patterns.queue(done, shortStage, 2));
        done.close();
        assertThat(shortSent).containsExactly(1L, 2L, 3L);
        assertThat(longSent).containsExactly(5L, 9L, 13L);
    }
}
