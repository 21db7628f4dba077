package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.GoLeak;
import io.github.chanflux.test.Goroutines;
import io.github.chanflux.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** "Concurrency in Go" 4.3: the doWork and newRandStream leaks, and their fixes. */
class PreventingLeaksTest {

    /** A bound on waiting for goroutines that are ending; they end long before it. */
    private static final Duration ENDING = Duration.ofSeconds(30);

    private final List<String> out = new CopyOnWriteArrayList<>();
    private final PreventingLeaks book = new PreventingLeaks(out::add);
    private final Set<Thread> baseline = Go.running();

    @Test
    void doWorkOnNilChannelLeaksItsGoroutine() throws InterruptedException {
        book.doWorkLeaky(Chan.nil());
        List<Thread> leaked = GoLeak.find(baseline, Duration.ZERO);
        assertThat(leaked).extracting(Thread::getName).containsExactly("doWork");
        stop(leaked);
    }

    @Test
    void doWorkEndsOnceDoneIsClosed() throws InterruptedException {
        Chan<Object> done = Chan.make();
        RecvChan<Object> terminated = book.doWork(done, Chan.nil());
        done.close();
        assertThat(terminated.receive().ok()).isFalse();
        assertThat(GoLeak.find(baseline, ENDING)).isEmpty();
        assertThat(out).containsExactly("doWork exited.");
    }

    @Test
    void doWorkPrintsStringsUntilDone() throws InterruptedException {
        Chan<Object> done = Chan.make();
        Chan<String> strings = Chan.make();
        RecvChan<Object> terminated = book.doWork(done, strings);
        strings.send("a");
        strings.send("b");
        done.close();
        terminated.receive();
        assertThat(GoLeak.find(baseline, ENDING)).isEmpty();
        assertThat(out).containsExactly("a", "b", "doWork exited.");
    }

    @Test
    void newRandStreamWithoutDoneLeaksOnceReaderStops() throws InterruptedException {
        RecvChan<Integer> randStream = book.newRandStreamLeaky();
        for (int i = 0; i < 3; i++) {
            randStream.receive();
        }
        List<Thread> leaked = GoLeak.find(baseline, Duration.ZERO);
        assertThat(leaked).extracting(Thread::getName).containsExactly("newRandStream");
        assertThat(out).isEmpty();
        stop(leaked);
    }

    @Test
    void newRandStreamEndsAfterDoneIsClosed() throws InterruptedException {
        Chan<Object> done = Chan.make();
        RecvChan<Integer> randStream = book.newRandStream(done);
        for (int i = 0; i < 3; i++) {
            assertThat(randStream.receive().ok()).isTrue();
        }
        done.close();
        assertThat(GoLeak.find(baseline, ENDING)).isEmpty();
        assertThat(out).containsExactly("newRandStream closure exited.");
        assertThat(randStream.receive().ok()).isFalse();
    }

    @Test
    void runPrintsTheBooksLinesDoneAtOneSecond() throws InterruptedException {
        TimedRun t = new TimedRun();
        AtomicReference<Instant> doneAt = new AtomicReference<>();
        List<String> lines = t.run((o, clock) -> PreventingLeaks.run(
                line -> {
                    if (line.equals("Done.")) {
                        doneAt.set(clock.now());
                    }
                    o.accept(line);
                },
                clock));
        Goroutines.assertAllEnded();
        assertThat(lines).hasSize(8);
        assertThat(lines.subList(0, 4))
                .containsExactly("Canceling doWork goroutine...", "doWork exited.", "Done.", "3 random ints:");
        assertThat(doneAt.get()).isEqualTo(FakeClock.EPOCH.plusSeconds(1));
        for (int i = 1; i <= 3; i++) {
            assertThat(lines.get(3 + i)).matches(i + ": -?\\d+");
        }
        assertThat(lines.getLast()).isEqualTo("newRandStream closure exited.");
        assertThat(t.clock.now()).as("after the second of ongoing work").isEqualTo(FakeClock.EPOCH.plusSeconds(2));
    }

    /** Java's way out of a real leak, so the test leaves nothing behind. */
    private static void stop(List<Thread> leaked) throws InterruptedException {
        for (Thread t : leaked) {
            t.interrupt();
            t.join();
        }
    }
}
