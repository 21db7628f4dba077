package io.github.chanflux.examples;

import io.github.chanflux.context.Context;
import io.github.chanflux.go.Go;
import io.github.chanflux.go.WaitGroup;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The book's {@code APIConnection} before its multi-limiter form ({@link RateLimitedApi}),
 * "Concurrency in Go" 5.5, rate limiting: first with no limit at all, so the twenty concurrent
 * calls all go ahead at once, then with Go's {@code rate.NewLimiter(rate.Limit(1), 1)}, one
 * call per second with a burst of one, so the calls go ahead one a second and the twentieth
 * after 19 seconds.
 *
 * <pre>{@code
 * func (a *APIConnection) ReadFile(ctx context.Context) error {
 *     if err := a.rateLimiter.Wait(ctx); err != nil {
 *         return err
 *     }
 *     // Pretend we do work here
 *     return nil
 * }
 * }</pre>
 * Go's returned error is an exception here ({@link Limiter#await}'s: a {@code TimeoutException}
 * or a {@code CancellationException}). The log is Go's, with {@code Ltime | LUTC}; on a fake
 * clock, which starts at midnight, its times of day are the seconds since the start.
 */
public final class ApiConnection {

    /** Null for the connection without a limit. */
    private final Limiter rateLimiter;

    private ApiConnection(Limiter rateLimiter) {
        this.rateLimiter = rateLimiter;
    }

    /** The book's first {@code Open}: {@code &APIConnection{}}. */
    static ApiConnection open() {
        return new ApiConnection(null);
    }

    /** The book's second {@code Open}: one call per second, burst one, on {@code clock}. */
    static ApiConnection openLimited(Clock clock) {
        return new ApiConnection(new Limiter(Limit.of(1), 1, clock));
    }

    void readFile(Context ctx) throws InterruptedException, TimeoutException {
        if (rateLimiter != null) {
            rateLimiter.await(ctx);
        }
        // Pretend we do work here
    }

    void resolveAddress(Context ctx) throws InterruptedException, TimeoutException {
        if (rateLimiter != null) {
            rateLimiter.await(ctx);
        }
        // Pretend we do work here
    }

    /**
     * The book's {@code main}: ten goroutines call {@code ReadFile}, ten {@code ResolveAddress},
     * each logging its call once it went ahead; {@code Done.} when all have. Logged as Go's
     * {@code log} with {@code Ltime | LUTC}, on {@code clock}.
     */
    static void run(Consumer<String> out, Clock clock, ApiConnection apiConnection) throws InterruptedException {
        Consumer<String> log = StewardExample.log(out, clock);
        Context ctx = Context.withClock(Context.background(), clock);
        WaitGroup wg = new WaitGroup();
        wg.add(20);
        for (int i = 0; i < 10; i++) {
            Go.go(() -> {
                try { // defer wg.Done()
                    try {
                        apiConnection.readFile(ctx);
                    } catch (TimeoutException | CancellationException err) {
                        log.accept("cannot ReadFile: " + err.getMessage());
                    }
                    log.accept("ReadFile");
                } finally {
                    wg.done();
                }
            });
        }
        for (int i = 0; i < 10; i++) {
            Go.go(() -> {
                try {
                    try {
                        apiConnection.resolveAddress(ctx);
                    } catch (TimeoutException | CancellationException err) {
                        log.accept("cannot ResolveAddress: " + err.getMessage());
                    }
                    log.accept("ResolveAddress");
                } finally {
                    wg.done();
                }
            });
        }
        wg.await();
        log.accept("Done."); // defer log.Printf("Done.")
    }

    /** Without a limit: all twenty calls at 0 s. */
    static void runUnlimited(Consumer<String> out, Clock clock) throws InterruptedException {
        run(out, clock, open());
    }

    /** With one call per second: one call a second, from 0 s to 19 s. */
    static void runLimited(Consumer<String> out, Clock clock) throws InterruptedException {
        run(out, clock, openLimited(clock));
    }

    public static void main(String[] args) throws InterruptedException {
        runUnlimited(System.out::println, Clock.system());
        runLimited(System.out::println, Clock.system());
    }
}
