package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.orElse;
import static io.github.chanflux.chan.Select.select;
import static io.github.chanflux.chan.Select.send;

import io.github.chanflux.chan.Chan;
import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.chan.SendChan;
import io.github.chanflux.context.Context;
import io.github.chanflux.context.Key;
import io.github.chanflux.errgroup.ErrGroup;
import io.github.chanflux.errors.Result;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The practical tips of the source material's fourth set of notes, each a few lines long, in the
 * order the notes give them:
 *
 * <ul>
 *   <li>the goroutine loop, {@code func Worker(tasks <-chan Task, results chan<- Result)}: every
 *       outcome, value or error, goes out as a {@link Result} on one channel; three workers fan
 *       out over the tasks and a {@link WaitGroup} closes the results when the last one ends
 *       (fan-in);
 *   <li>the same fan-out with {@link ErrGroup}, which hides the start, the end and the counter:
 *       the first error cancels the group's context, and a long task that watches it stops;
 *   <li>{@code close} as a broadcast: one close releases every goroutine waiting on a channel;
 *   <li>a {@code select} with a {@code default} never blocks;
 *   <li>a future (the notes' Future/Promise, for tasks that depend on each other): a goroutine
 *       that leaves its result in a channel of one;
 *   <li>the logger goes in the context ({@code context.WithValue});
 *   <li>limiting the pace of calls with {@code golang.org/x/time/rate} (burst 1, {@code Wait}),
 *       which spaces them evenly as {@code go.uber.org/ratelimit}'s {@code Take} does. (Uber's
 *       limiter also lets up to 10 calls through at once after an idle stretch, its default
 *       "slack"; a burst of 10 here would do the same.)
 * </ul>
 *
 * Every part prints the same lines on every run: outcomes are printed in task order, whatever
 * order the goroutines finished in. Only the pace part waits on the clock.
 */
public final class PracticalTips {

    /** The task that fails, in the worker loop and the errgroup. */
    static final int FAILING_TASK = 4;

    /** The key of the logger in a context; an unexported key type in Go, a {@link Key} here. */
    static final Key<Consumer<String>> LOGGER = Key.of("logger");

    private PracticalTips() {}

    /** A task's answer. */
    record Square(int task, int value) {}

    /** A task's error, which says which task failed. */
    static final class TaskFailed extends Exception {
        final int task;

        TaskFailed(int task) {
            super("task " + task + ": input rejected");
            this.task = task;
        }
    }

    /** The work of one task: its square, except for {@link #FAILING_TASK}. */
    static Square square(int task) throws TaskFailed {
        if (task == FAILING_TASK) {
            throw new TaskFailed(task);
        }
        return new Square(task, task * task);
    }

    /** The notes' goroutine loop: ranges over the tasks and sends each outcome, value or error. */
    static void worker(RecvChan<Integer> tasks, SendChan<Result<Square>> results) throws InterruptedException {
        for (int task : tasks) {
            results.send(Result.of(() -> square(task)));
        }
    }

    /** {@link #worker} on {@code workers} goroutines over tasks 1 to {@code n}; prints each outcome in task order. */
    static void workerLoop(Consumer<String> out, int workers, int n) throws InterruptedException {
        Chan<Integer> tasks = Chan.make();
        Go.go(() -> {
            try (tasks) {
                for (int task = 1; task <= n; task++) {
                    tasks.send(task);
                }
            }
        });
        Chan<Result<Square>> results = Chan.make();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < workers; i++) {
            wg.go(() -> worker(tasks, results));
        }
        Go.go(
                () -> { // the results close when the last worker has ended
                    wg.await();
                    results.close();
                });
        Map<Integer, String> lines = new ConcurrentSkipListMap<>();
        for (Result<Square> result : results) {
            switch (result) {
                case Result.Ok<Square>(Square s) -> lines.put(s.task(), "task " + s.task() + ": " + s.value());
                case Result.Err<Square>(Throwable e) -> lines.put(((TaskFailed) e).task, "error: " + e.getMessage());
            }
        }
        out.accept(workers + " workers, " + n + " tasks, every outcome a Result on one channel:");
        lines.values().forEach(line -> out.accept("  " + line));
    }

    /**
     * Tasks 1 to {@code n} in an {@link ErrGroup}: tasks below {@link #FAILING_TASK} answer, it
     * fails, and the ones above it stand for long work that watches the group's context.
     */
    static void errGroup(Consumer<String> out, int n) throws InterruptedException {
        ErrGroup g = ErrGroup.withContext(Context.background());
        Context ctx = g.context();
        Map<Integer, String> lines = new ConcurrentSkipListMap<>();
        for (int t = 1; t <= n; t++) {
            int task = t;
            g.go(() -> {
                if (task > FAILING_TASK) {
                    ctx.done().receive(); // long work, given up when the context is canceled
                    lines.put(task, "task " + task + ": stopped, " + ctx.err().getMessage());
                    return;
                }
                lines.put(task, "task " + task + ": " + square(task).value());
            });
        }
        String error;
        try {
            g.await();
            error = "none";
        } catch (ExecutionException e) {
            error = e.getCause().getMessage();
        }
        out.accept("errgroup over " + n + " tasks; the first error cancels the others:");
        lines.values().forEach(line -> out.accept("  " + line));
        out.accept("  group error: " + error + "; context cause: "
                + Context.cause(ctx).getMessage());
    }

    /** One {@code close} releases all {@code n} goroutines waiting to receive from the channel. */
    static void closeBroadcasts(Consumer<String> out, int n) throws InterruptedException {
        Chan<Void> start = Chan.make();
        WaitGroup waiting = new WaitGroup();
        WaitGroup released = new WaitGroup();
        Map<Integer, String> lines = new ConcurrentSkipListMap<>();
        waiting.add(n);
        for (int i = 1; i <= n; i++) {
            int id = i;
            released.go(() -> {
                waiting.done();
                start.receive(); // blocks until start is closed
                lines.put(id, "goroutine " + id + " released");
            });
        }
        waiting.await();
        start.close();
        released.await();
        out.accept("one close(start) for " + n + " waiting goroutines:");
        lines.values().forEach(line -> out.accept("  " + line));
    }

    /** Sends 1 to {@code n} into a buffer of two with {@code select}/{@code default}: the third is dropped, not waited for. */
    static void selectWithDefault(Consumer<String> out, int n) throws InterruptedException {
        Chan<Integer> queue = Chan.make(2);
        StringBuilder line = new StringBuilder("select with default into a buffer of 2:");
        for (int v = 1; v <= n; v++) {
            boolean sent = select(send(queue, v, () -> true), orElse(() -> false));
            line.append(' ').append(v).append(sent ? " sent" : " dropped").append(v < n ? ',' : '.');
        }
        out.accept(line.toString());
    }

    /** A future: {@code attempt} runs on its own goroutine, which leaves the result in a channel of one and ends. */
    static <T> RecvChan<Result<T>> future(Result.Attempt<T> attempt) {
        Chan<Result<T>> promise = Chan.make(1);
        Go.go(() -> promise.send(Result.of(attempt))); // never blocks: the buffer has room for it
        return promise;
    }

    /** The total depends on a price and a quantity, fetched at once as two futures. */
    static void futures(Consumer<String> out) throws InterruptedException {
        RecvChan<Result<Integer>> price = future(() -> 120);
        RecvChan<Result<Integer>> quantity = future(() -> 3);
        int p = price.receive().value().orElseThrow();
        int q = quantity.receive().value().orElseThrow();
        out.accept("futures: price " + p + " and quantity " + q + " fetched at once, total " + p * q);
    }

    /** Logs through the logger in {@code ctx}, if there is one. */
    static void log(Context ctx, String line) {
        ctx.value(LOGGER).ifPresent(logger -> logger.accept(line));
    }

    /** A request handler deep in a call chain: it finds its logger in the context, not in a parameter. */
    static void handle(Context ctx, String path) {
        log(ctx, "handling " + path);
        lookUp(ctx, path);
    }

    private static void lookUp(Context ctx, String path) {
        log(ctx, "looking up " + path.substring(path.indexOf('=') + 1));
    }

    /** A request whose context carries a logger that tags every line with the request's ID. */
    static void loggerInContext(Consumer<String> out) {
        Context ctx = Context.withValue(Context.background(), LOGGER, line -> out.accept("  [req-42] " + line));
        out.accept("the logger in the context:");
        handle(ctx, "/search?q=golang");
    }

    /** {@code n} calls paced by a limiter of one call every {@code every} (burst 1); prints when each went ahead. */
    static void pace(Consumer<String> out, Clock clock, int n, Duration every)
            throws InterruptedException, TimeoutException {
        Limiter limiter = new Limiter(Limit.every(every), 1, clock);
        Context ctx = Context.withClock(Context.background(), clock);
        Instant start = clock.now();
        StringBuilder line = new StringBuilder("one call every " + GoDuration.format(every) + ", burst 1: at");
        for (int i = 0; i < n; i++) {
            limiter.await(ctx);
            line.append(' ').append(GoDuration.format(Duration.between(start, clock.now())));
        }
        out.accept(line.toString());
    }

    /** Every tip, in the notes' order. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException, TimeoutException {
        workerLoop(out, 3, 6);
        errGroup(out, 6);
        closeBroadcasts(out, 3);
        selectWithDefault(out, 3);
        futures(out);
        loggerInContext(out);
        pace(out, clock, 5, Duration.ofMillis(100));
    }

    public static void main(String[] args) throws InterruptedException, TimeoutException {
        run(System.out::println, Clock.system());
    }
}
