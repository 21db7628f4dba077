package io.github.chanflux.examples;

import io.github.chanflux.context.Context;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.MultiLimiter;
import io.github.chanflux.rate.RateLimiter;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The book's {@code APIConnection} ("Concurrency in Go" 5.5, rate limiting): an API limited to 2
 * calls per second (burst 2) and 10 per minute, whose {@code ReadFile} also waits on a disk limit
 * (1 per second) and whose {@code ResolveAddress} on a network limit (3 per second). Twenty
 * concurrent calls: the first ten pass the API limit within seconds (though ReadFiles then wait
 * on the disk's one per second), the rest one every 6 seconds; the run takes a minute, as the
 * book's log shows.
 */
public final class RateLimitedApi {

    private final RateLimiter apiLimit;
    private final RateLimiter diskLimit;
    private final RateLimiter networkLimit;

    RateLimitedApi(Clock clock) {
        apiLimit = MultiLimiter.of(
                new Limiter(Limit.per(2, Duration.ofSeconds(1)), 2, clock),
                new Limiter(Limit.per(10, Duration.ofMinutes(1)), 10, clock));
        diskLimit = MultiLimiter.of(new Limiter(Limit.of(1), 1, clock));
        networkLimit = MultiLimiter.of(new Limiter(Limit.per(3, Duration.ofSeconds(1)), 3, clock));
    }

    /** Waits on the API and disk limits: Go's {@code if err := multiLimiter.Wait(ctx); err != nil { return err }}. */
    void readFile(Context ctx) throws InterruptedException, TimeoutException {
        MultiLimiter.of(apiLimit, diskLimit).await(ctx);
    }

    /** Waits on the API and network limits. */
    void resolveAddress(Context ctx) throws InterruptedException, TimeoutException {
        MultiLimiter.of(apiLimit, networkLimit).await(ctx);
    }

    public static void main(String[] args) throws InterruptedException {
        run(System.out::println, Clock.system());
    }

    /**
     * The book's {@code main} on {@code clock}: ten goroutines call {@code ReadFile}, ten
     * {@code ResolveAddress}, each logging its call once it went ahead; {@code Done.} when all
     * have. Logged as Go's {@code log} with {@code Ltime | LUTC}.
     */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException {
        Consumer<String> log = StewardExample.log(out, clock);
        RateLimitedApi apiConnection = new RateLimitedApi(clock);
        Context ctx = Context.withClock(Context.background(), clock);
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 10; i++) {
            wg.go(() -> logCall(log, "ReadFile", () -> apiConnection.readFile(ctx)));
        }
        for (int i = 0; i < 10; i++) {
            wg.go(() -> logCall(log, "ResolveAddress", () -> apiConnection.resolveAddress(ctx)));
        }
        wg.await();
        log.accept("Done.");
    }

    /** A call of the API: what Go's {@code ReadFile(ctx)} returns as an error, it throws. */
    @FunctionalInterface
    interface Call {
        void run() throws InterruptedException, TimeoutException;
    }

    /**
     * The body of the book's goroutines: logs {@code cannot <name>: <err>} if the call fails, then,
     * as the book does either way, {@code <name>}.
     */
    static void logCall(Consumer<String> log, String name, Call call) throws InterruptedException {
        try {
            call.run();
        } catch (TimeoutException | CancellationException err) {
            log.accept("cannot " + name + ": " + err.getMessage());
        }
        log.accept(name);
    }
}
