package io.github.chanflux.examples;

import static io.github.chanflux.chan.Select.recv;
import static io.github.chanflux.chan.Select.select;

import io.github.chanflux.chan.RecvChan;
import io.github.chanflux.context.CancelableContext;
import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * "Concurrency in Go" 4.12, the context package: greeting and farewell printed concurrently;
 * {@code genGreeting} gives {@code locale} one second, and a greeting failure cancels the
 * farewell. {@code locale} takes a minute to answer. With {@code failFast}, {@code locale}
 * first checks the deadline and fails at once with {@code DeadlineExceeded} when it is closer
 * than its minute of work.
 *
 * <p>Run it with {@code -Dexample=GreetingFarewell}: it runs the book's program, then the
 * fail-fast variant. Both print:
 * <pre>
 * cannot print greeting: context deadline exceeded
 * cannot print farewell: context canceled
 * </pre>
 */
public final class GreetingFarewell {

    private final Consumer<String> out;
    private final boolean failFast;

    /** Prints through {@code out}; {@code failFast} picks the deadline-checking locale. */
    public GreetingFarewell(Consumer<String> out, boolean failFast) {
        this.out = out;
        this.failFast = failFast;
    }

    /** The book's {@code main}, under {@code root}: both goroutines have ended when it returns. */
    public void run(Context root) throws InterruptedException {
        try (CancelableContext ctx = Context.withCancel(root)) {
            Thread greeting = Go.go("greeting", () -> {
                try {
                    printGreeting(ctx);
                } catch (Exception e) {
                    out.accept("cannot print greeting: " + e.getMessage());
                    ctx.cancel();
                }
            });
            Thread farewell = Go.go("farewell", () -> {
                try {
                    printFarewell(ctx);
                } catch (Exception e) {
                    out.accept("cannot print farewell: " + e.getMessage());
                }
            });
            greeting.join();
            farewell.join();
        }
    }

    void printGreeting(Context ctx) throws Exception {
        out.accept(genGreeting(ctx) + " world!");
    }

    void printFarewell(Context ctx) throws Exception {
        out.accept(genFarewell(ctx) + " world!");
    }

    String genGreeting(Context ctx) throws Exception {
        try (CancelableContext timed = Context.withTimeout(ctx, Duration.ofSeconds(1))) {
            if (locale(timed).equals("EN/US")) {
                return "hello";
            }
            throw new Exception("unsupported locale");
        }
    }

    String genFarewell(Context ctx) throws Exception {
        if (locale(ctx).equals("EN/US")) {
            return "goodbye";
        }
        throw new Exception("unsupported locale");
    }

    /** Answers after a minute on the context's clock, or fails with ctx.err() when it is done. */
    String locale(Context ctx) throws Exception {
        Clock clock = Context.clock(ctx);
        if (failFast) {
            Optional<Instant> deadline = ctx.deadline();
            if (deadline.isPresent() && !deadline.get().isAfter(clock.now().plus(Duration.ofMinutes(1)))) {
                throw Context.DEADLINE_EXCEEDED;
            }
        }
        RecvChan<Instant> aMinute = clock.after(Duration.ofMinutes(1));
        boolean canceled = select(recv(ctx.done(), r -> true), recv(aMinute, r -> false));
        if (canceled) {
            throw ctx.err();
        }
        return "EN/US";
    }

    public static void main(String[] args) throws InterruptedException {
        runBoth(System.out::println, Clock.system());
    }

    /** The book's run, then the one whose locale fails fast on a near deadline, on {@code clock}. */
    static void runBoth(Consumer<String> out, Clock clock) throws InterruptedException {
        Context root = Context.withClock(Context.background(), clock);
        new GreetingFarewell(out, false).run(root);
        out.accept("-- with the deadline-checking locale:");
        new GreetingFarewell(out, true).run(root);
    }
}
