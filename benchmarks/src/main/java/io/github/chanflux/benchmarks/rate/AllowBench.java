package io.github.chanflux.benchmarks.rate;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The non-blocking "may I act now?" call of each limiter: chanflux {@code Limiter.allow()}
 * (x/time/rate's {@code Allow}), Bucket4j {@code tryConsume(1)}, Resilience4j
 * {@code acquirePermission()} with zero timeout, Guava {@code RateLimiter.tryAcquire()}. Each
 * limiter allows 10^9 events per second with a burst of 10^9, so every call is granted and the
 * score is the bookkeeping alone, reading the clock included. One limiter is shared by all
 * benchmark threads: run with {@code -t 1}, {@code -t 2}, {@code -t 4} for uncontended and
 * contended figures.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AllowBench {

    private static final int RATE = 1_000_000_000;

    @State(Scope.Benchmark)
    public static class Chanflux {
        final Limiter limiter = new Limiter(Limit.of(RATE), RATE);
    }

    @State(Scope.Benchmark)
    public static class Bucket4j {
        final Bucket bucket = Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(RATE)
                        .refillGreedy(RATE, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    @State(Scope.Benchmark)
    public static class Resilience4j {
        final RateLimiter limiter = RateLimiter.of(
                "bench",
                RateLimiterConfig.custom()
                        .limitForPeriod(RATE)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(Duration.ZERO)
                        .build());
    }

    @State(Scope.Benchmark)
    public static class Guava {
        final com.google.common.util.concurrent.RateLimiter limiter =
                com.google.common.util.concurrent.RateLimiter.create(RATE);
    }

    @Benchmark
    public boolean chanflux(Chanflux s) {
        return s.limiter.allow();
    }

    @Benchmark
    public boolean bucket4j(Bucket4j s) {
        return s.bucket.tryConsume(1);
    }

    @Benchmark
    public boolean resilience4j(Resilience4j s) {
        return s.limiter.acquirePermission();
    }

    @Benchmark
    public boolean guava(Guava s) {
        return s.limiter.tryAcquire();
    }
}
