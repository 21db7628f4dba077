package io.github.chanflux.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.go.Go;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class PreemptibleTest {

    private final Chan<Void> done = Chan.make();

    @Test
    void stepsRunInOrderWhenNothingCancels() {
        UnaryOperator<Integer> plusOne = v -> v + 1;
        UnaryOperator<Integer> twice = v -> v * 2;
        assertThat(Preemptible.steps(done, 3, List.of(plusOne, twice))).contains(8);
    }

    /** done closes while step 2 of 4 runs: step 2 finishes, steps 3 and 4 never start. */
    @Test
    void cancellationTakesEffectWithinOneStep() throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch inStepTwo = new CountDownLatch(1);
        CountDownLatch canceled = new CountDownLatch(1);
        UnaryOperator<Integer> step = v -> {
            if (started.incrementAndGet() == 2) {
                inStepTwo.countDown();
                await(canceled);
            }
            return v + 1;
        };
        Chan<Optional<Integer>> result = Chan.make(1);
        Go.go(() -> result.send(Preemptible.steps(done, 0, List.of(step, step, step, step))));
        inStepTwo.await();
        done.close();
        canceled.countDown();
        assertThat(result.receive().value()).isEmpty();
        assertThat(started).hasValue(2);
    }

    @Test
    void interruptibleGivesTheWorksResult() throws InterruptedException {
        assertThat(Preemptible.interruptible(done, () -> "answer")).contains("answer");
    }

    /** A blocking step that never ends on its own: done preempts it and its goroutine is interrupted. */
    @Test
    void doneClosingPreemptsABlockingStepAndStopsItsGoroutine() throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        Chan<Optional<String>> result = Chan.make(1);
        Go.go(() -> result.send(Preemptible.interruptible(done, () -> {
            blocked.countDown();
            Chan.<String>nil().receive();
            return "never";
        })));
        blocked.await();
        done.close();
        assertThat(result.receive().value()).isEmpty();
        Goroutines.assertAllEnded();
    }

    @Test
    void interruptiblePassesTheWorksExceptionOnUnchanged() {
        IOException io = new IOException("disk gone");
        assertThatThrownBy(() -> Preemptible.interruptible(done, () -> {
                    throw io;
                }))
                .isSameAs(io);
        AssertionError fatal = new AssertionError("broken");
        assertThatThrownBy(() -> Preemptible.interruptible(done, () -> {
                    throw fatal;
                }))
                .isSameAs(fatal);
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> Preemptible.steps(null, 1, List.of())).hasMessage("done");
        assertThatThrownBy(() -> Preemptible.interruptible(done, null)).hasMessage("work");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
