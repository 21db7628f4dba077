package io.github.chanflux.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.errors.Result;
import io.github.chanflux.examples.PracticalTips.Square;
import io.github.chanflux.examples.PracticalTips.TaskFailed;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.test.Goroutines;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The source material's practical tips ({@link PracticalTips}): what each prints, and that nothing is lost. */
class PracticalTipsTest {

    private final List<String> out = new ArrayList<>();

    @AfterEach
    void everyGoroutineEnded() throws InterruptedException {
        Goroutines.assertAllEnded();
    }

    @Test
    void theWholeProgramOnFakeTime() throws InterruptedException {
        List<String> lines = new TimedRun().run(PracticalTips::run);
        assertThat(lines)
                .containsExactly(
                        "3 workers, 6 tasks, every outcome a Result on one channel:",
                        "  task 1: 1",
                        "  task 2: 4",
                        "  task 3: 9",
                        "  error: task 4: input rejected",
                        "  task 5: 25",
                        "  task 6: 36",
                        "errgroup over 6 tasks; the first error cancels the others:",
                        "  task 1: 1",
                        "  task 2: 4",
                        "  task 3: 9",
                        "  task 5: stopped, context canceled",
                        "  task 6: stopped, context canceled",
                        "  group error: task 4: input rejected; context cause: task 4: input rejected",
                        "one close(start) for 3 waiting goroutines:",
                        "  goroutine 1 released",
                        "  goroutine 2 released",
                        "  goroutine 3 released",
                        "select with default into a buffer of 2: 1 sent, 2 sent, 3 dropped.",
                        "futures: price 120 and quantity 3 fetched at once, total 360",
                        "the logger in the context:",
                        "  [req-42] handling /search?q=golang",
                        "  [req-42] looking up golang",
                        "one call every 100ms, burst 1: at 0s 100ms 200ms 300ms 400ms");
    }

    /** Many workers over many tasks: every task's outcome arrives exactly once, then the results close. */
    @Test
    void theWorkerLoopDeliversEveryOutcomeOnce() throws InterruptedException {
        int tasks = 20_000;
        Chan<Integer> in = Chan.make(16);
        Chan<Result<Square>> results = Chan.make(16);
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 8; i++) {
            wg.go(() -> PracticalTips.worker(in, results));
        }
        Go.go(() -> {
            try (in) {
                for (int t = 1; t <= tasks; t++) {
                    in.send(t);
                }
            }
        });
        Go.go(() -> {
            wg.await();
            results.close();
        });
        Map<Integer, Integer> seen = new HashMap<>();
        int errors = 0;
        for (Result<Square> r : results) {
            int task = r instanceof Result.Err<Square>(Throwable e)
                    ? ((TaskFailed) e).task
                    : r.orElseThrow().task();
            errors += r.isError() ? 1 : 0;
            seen.merge(task, 1, Integer::sum);
        }
        assertThat(seen)
                .hasSize(tasks)
                .allSatisfy((task, n) -> assertThat(n).as("task %d", task).isEqualTo(1));
        assertThat(errors).as("only task %d fails", PracticalTips.FAILING_TASK).isEqualTo(1);
    }

    @Test
    void withoutAFailureTheErrGroupReportsNoneAndItsContextIsCanceledByAwait() throws InterruptedException {
        PracticalTips.errGroup(out::add, 3);
        assertThat(out)
                .containsExactly(
                        "errgroup over 3 tasks; the first error cancels the others:",
                        "  task 1: 1",
                        "  task 2: 4",
                        "  task 3: 9",
                        "  group error: none; context cause: context canceled");
    }

    @Test
    void aFutureCarriesItsErrorToWhoeverWaitsForIt() throws InterruptedException {
        RecvChan<Result<Integer>> failed = PracticalTips.future(() -> {
            throw new IOException("price service down");
        });
        Result<Integer> r = failed.receive().value();
        assertThat(r).isInstanceOf(Result.Err.class);
        assertThat(((Result.Err<Integer>) r).error()).hasMessage("price service down");
    }

    @Test
    void withoutALoggerInTheContextNothingIsLogged() {
        PracticalTips.handle(Context.background(), "/search?q=golang");
        assertThat(out).isEmpty();
    }

    @Test
    void theLimiterSpacesCallsByItsInterval() throws Exception {
        List<String> lines = new TimedRun().run((o, clock) -> PracticalTips.pace(o, clock, 3, Duration.ofSeconds(2)));
        assertThat(lines).containsExactly("one call every 2s, burst 1: at 0s 2s 4s");
    }
}
