package io.github.chanflux.examples;

import io.github.chanflux.context.Context;
import io.github.chanflux.errgroup.ErrGroup;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.rate.MultiLimiter;
import io.github.chanflux.rate.RateLimiter;
import io.github.chanflux.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The book's {@code APIConnection} ("Concurrency in Go" 5.5, rate limiting): an API limited to 2
 * calls per second (burst 2) and 10 per minute, whose {@code ReadFile} also waits on a disk limit
 * (1 per second) and whose {@code ResolveAddress} on a network limit (3 per second). Twenty
 * concurrent calls: the first ten go quickly, then one every 6 seconds; the run takes about a
 * minute, as the book's log shows.
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

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        run(System.out::println, Clock.system());
    }

    /** The book's 20 calls, logged with the time each went ahead, on {@code clock}. */
    static void run(Consumer<String> out, Clock clock) throws InterruptedException, ExecutionException {
        RateLimitedApi api = new RateLimitedApi(clock);
        Context ctx = Context.withClock(Context.background(), clock);
        Instant start = clock.now();
        ErrGroup group = new ErrGroup();
        for (int i = 0; i < 10; i++) {
            group.go(() -> {
                api.readFile(ctx);
                out.accept(at(start, clock) + " ReadFile");
            });
            group.go(() -> {
                api.resolveAddress(ctx);
                out.accept(at(start, clock) + " ResolveAddress");
            });
        }
        group.await();
        out.accept("Done.");
    }

    private static String at(Instant start, Clock clock) {
        return String.format("%5.1fs", Duration.between(start, clock.now()).toMillis() / 1000.0);
    }
}
