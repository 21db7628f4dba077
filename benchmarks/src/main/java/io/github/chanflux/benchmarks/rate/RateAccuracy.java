package io.github.chanflux.benchmarks.rate;

import io.github.chanflux.rate.Limit;
import io.github.chanflux.rate.Limiter;
import io.github.chanflux.reactor.RateLimit;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * How closely {@code rateLimit} holds a rate in real time: an endless stream limited to 1000
 * events per second (burst 1) runs for 10 s; prints the achieved rate and its error against
 * the configured one, measured from the first element to the last (the burst token makes the
 * first one immediate, hence {@code count - 1} intervals). Usage:
 * {@code RateAccuracy [perSecond] [seconds]}.
 */
public final class RateAccuracy {

    private RateAccuracy() {}

    public static void main(String[] args) {
        double perSecond = args.length > 0 ? Double.parseDouble(args[0]) : 1_000;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        Limiter limiter = new Limiter(Limit.of(perSecond), 1);
        long[] firstAndLast = new long[2];
        long count = Flux.range(0, Integer.MAX_VALUE)
                .transform(RateLimit.rateLimit(limiter))
                .doOnNext(i -> {
                    firstAndLast[1] = System.nanoTime();
                    if (i == 0) {
                        firstAndLast[0] = firstAndLast[1];
                    }
                })
                .take(Duration.ofSeconds(seconds))
                .count()
                .block();
        double elapsed = (firstAndLast[1] - firstAndLast[0]) / 1e9;
        double achieved = (count - 1) / elapsed;
        System.out.printf(
                "configured %.1f/s, %d events in %.3f s: achieved %.2f/s, error %+.3f %%%n",
                perSecond, count, elapsed, achieved, (achieved - perSecond) / perSecond * 100);
    }
}
